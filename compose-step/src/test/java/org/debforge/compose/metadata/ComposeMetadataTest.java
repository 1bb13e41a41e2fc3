package org.debforge.compose.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.compose.json.JsonFile;
import org.debforge.compose.phase.PhaseRecord;
import org.debforge.compose.testing.Golden;
import org.junit.jupiter.api.Test;

/** Golden files for composeinfo.json and images.json (productmd 1.2 structure, fixed clock). */
class ComposeMetadataTest {
  static final ComposeHeader HEADER =
      new ComposeHeader("mini-1.0-20261203.0", LocalDate.of(2026, 12, 3), 0, "production");

  void assertGolden(String name, Map<String, Object> doc) throws Exception {
    String text = JsonFile.text(doc);
    assertThat(text).isEqualTo(Golden.read(getClass(), name, text));
  }

  @Test
  void composeinfo() throws Exception {
    Instant t = Instant.parse("2026-12-03T10:00:00Z");
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("reused_from", "mini-1.0-20261202.0");
    var info =
        new ComposeMetadata.Info(
            HEADER,
            "mini",
            "1.0",
            "mini",
            List.of("amd64"),
            true,
            "/srv/blueprints/mini.yaml",
            "FINISHED",
            List.of(
                new PhaseRecord("init", "finished", false, t, t.plusMillis(250), null, null),
                new PhaseRecord(
                    "createrepo",
                    "finished",
                    false,
                    t.plusSeconds(1),
                    t.plusSeconds(3),
                    null,
                    "pool reused from mini-1.0-20261202.0"),
                new PhaseRecord(
                    "rootfs",
                    "failed",
                    true,
                    t.plusSeconds(3),
                    t.plusSeconds(4),
                    "mmdebstrap exited 1",
                    null)),
            extra);
    assertGolden("composeinfo.json", ComposeMetadata.composeinfo(info));
  }

  @Test
  void images() throws Exception {
    var images =
        List.of(
            new Image(
                "Everything",
                "amd64",
                "Everything/amd64/images/mini-1.0-20261203.0-amd64-rootfs.tar.zst",
                123456,
                "c".repeat(64),
                "tar.zst",
                "rootfs",
                1796292000L));
    assertGolden("images.json", ComposeMetadata.images(HEADER, images));
  }

  @Test
  void packages() throws Exception {
    var source =
        new org.debforge.compose.pkgset.PackageSource(
            "debian",
            new org.debforge.compose.source.AptRepository(
                java.net.URI.create("http://mirror.example/debian"),
                "bookworm",
                List.of("main"),
                java.nio.file.Path.of("/usr/share/keyrings/debian-archive-keyring.gpg")),
            new org.debforge.compose.lock.LockSource(
                "debian",
                "mirror",
                "http://mirror.example/debian",
                "bookworm",
                List.of("main"),
                null,
                null));
    var libssl =
        new org.debforge.compose.gather.Resolved(
            new org.debforge.compose.lock.LockedPackage(
                "libssl3",
                "3.0.11-1~deb12u2",
                "amd64",
                "d".repeat(64),
                2026000,
                "debian",
                "pool/main/o/openssl/libssl3_3.0.11-1~deb12u2_amd64.deb"),
            org.debforge.core.control.Paragraph.of(
                "Package", "libssl3", "Source", "openssl", "Version", "3.0.11-1~deb12u2"),
            source);
    var hello =
        new org.debforge.compose.gather.Resolved(
            new org.debforge.compose.lock.LockedPackage(
                "hello",
                "2.10-3",
                "amd64",
                "e".repeat(64),
                53000,
                "debian",
                "pool/main/h/hello/hello_2.10-3_amd64.deb"),
            org.debforge.core.control.Paragraph.of("Package", "hello", "Version", "2.10-3"),
            source);
    var set =
        new org.debforge.compose.gather.GatherResult(
            "amd64",
            List.of(new org.debforge.compose.gather.GatherResult.Request("hello", "blueprint")),
            List.of(hello, libssl));
    assertGolden(
        "packages.json",
        ComposeMetadata.packages(
            HEADER, List.of(set), r -> "Everything/repo/" + r.pkg().filename()));
  }
}
