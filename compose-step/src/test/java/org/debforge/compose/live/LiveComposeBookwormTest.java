package org.debforge.compose.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.blueprint.ScriptSpec;
import org.debforge.compose.blueprint.SourceSpec;
import org.debforge.compose.boottest.BootRequest;
import org.debforge.compose.boottest.BootResult;
import org.debforge.compose.boottest.QemuBoot;
import org.debforge.compose.compose.ComposeOptions;
import org.debforge.compose.compose.Composer;
import org.debforge.compose.json.JsonFile;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.phase.PhaseRecord;
import org.debforge.compose.pkgset.ContentCache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real bookworm compose from the host's mirror with a live output: live-build makes the ISO from
 * the compose's exact-set repository alone, xorriso reads it back as a hybrid (El Torito + MBR)
 * image, and QEMU (TCG) boots it from its CD-ROM until a unit the blueprint adds prints a marker on
 * the serial console. .debs are cached under $XDG_CACHE_HOME/debforge/compose between runs.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class LiveComposeBookwormTest {
  static final String MARKER = "DEBFORGE-LIVE-MARKER-OK";

  @TempDir Path tmp;

  @Test
  void aBookwormLiveIsoFromTheExactSetBootsInQemuToTheBlueprintsMarker() throws Exception {
    Path unit = tmp.resolve("debforge-marker.service");
    Files.writeString(
        unit,
        """
        [Unit]
        Description=debforge live marker
        After=multi-user.target

        [Service]
        Type=oneshot
        ExecStart=/bin/sh -c 'echo %s > /dev/ttyS0'

        [Install]
        WantedBy=multi-user.target
        """
            .formatted(MARKER));
    Blueprint bp =
        new Blueprint(
            tmp.resolve("live.yaml"),
            "bookworm-live",
            "12",
            "bookworm",
            List.of("amd64"),
            List.of(
                new SourceSpec.Mirror(
                    "debian",
                    Optional.empty(),
                    "bookworm",
                    List.of("main"),
                    Path.of("/usr/share/keyrings/debian-archive-keyring.gpg"))),
            List.of("hello"),
            Map.of(),
            List.of(),
            false,
            true,
            List.of(new FileSpec(unit, "/etc/systemd/system/debforge-marker.service", 0644)),
            List.of(
                new ScriptSpec(
                    "inline-1",
                    Optional.empty(),
                    Optional.of("systemctl enable debforge-marker.service\n"))),
            List.of(),
            List.of("console=ttyS0,115200"),
            List.of(
                new OutputSpec(OutputSpec.Type.REPO, false, Map.of()),
                new OutputSpec(
                    OutputSpec.Type.LIVE,
                    false,
                    Map.of("bootloaders", "syslinux,grub-efi", "volume-id", "DEBFORGE_LIVE"))),
            Map.of());
    // Under target/, not the temporary folder: a failed run's logs stay to be read.
    Path target = Path.of("target/live-compose").toAbsolutePath();
    Composer.Result r =
        new Composer(ComposeOptions.into(target, ContentCache.standard(System.getenv())))
            .compose(bp);

    assertThat(r.status()).as(r.reason()).isEqualTo(ComposeStatus.FINISHED);
    assertThat(r.phases())
        .extracting(PhaseRecord::name)
        .containsExactly(
            "init", "pkgset", "gather", "createrepo", "rootfs", "live", "repoclosure", "metadata");
    // What live-build needs is in the lock, so the repository holds it.
    assertThat(r.lock().packages())
        .extracting(p -> p.name())
        .contains("live-boot", "live-config", "linux-image-amd64", "syslinux", "xorriso", "hello");

    Path top = r.layout().topdir();
    JsonNode images = JsonFile.read(top.resolve("metadata/images.json"));
    JsonNode live = images.at("/payload/images/Everything/amd64/0");
    assertThat(live.get("type").asText()).isEqualTo("live");
    assertThat(live.get("format").asText()).isEqualTo("iso");
    assertThat(live.get("bootable").asBoolean()).isTrue();
    assertThat(live.get("volume_id").asText()).isEqualTo("DEBFORGE_LIVE");
    Path iso = top.resolve("compose").resolve(live.get("path").asText());
    assertThat(iso).isRegularFile();
    assertThat(live.get("size").asLong()).isEqualTo(Files.size(iso));
    assertThat(live.at("/checksums/sha256").asText()).isEqualTo(ContentCache.sha256(iso));
    assertThat(top.resolve("logs/live.amd64.log")).content().contains("lb build");
    assertThat(top.resolve("work")).doesNotExist();

    // Hybrid: El Torito boot images for BIOS and UEFI, and an MBR for a USB stick.
    String eltorito = run("xorriso", "-indev", iso.toString(), "-report_el_torito", "plain");
    assertThat(eltorito).contains("El Torito boot img", "BIOS", "UEFI");
    String area = run("xorriso", "-indev", iso.toString(), "-report_system_area", "plain");
    assertThat(area).contains("MBR");
    byte[] mbr = new byte[512];
    try (InputStream in = Files.newInputStream(iso)) {
      assertThat(in.readNBytes(mbr, 0, 512)).isEqualTo(512);
    }
    assertThat(mbr[510] & 0xff).isEqualTo(0x55);
    assertThat(mbr[511] & 0xff).isEqualTo(0xaa);
    assertThat(run("xorriso", "-indev", iso.toString(), "-pvd_info")).contains("DEBFORGE_LIVE");

    BootResult booted =
        new QemuBoot()
            .boot(
                new BootRequest(
                    iso,
                    BootRequest.ISO,
                    MARKER,
                    Duration.ofMinutes(10),
                    tmp.resolve("console.log"),
                    tmp.resolve("boot"),
                    tmp.resolve("qemu.log")));
    assertThat(booted.passed())
        .as("%s; console: %s", booted.failure().orElse(""), tmp.resolve("console.log"))
        .isTrue();
    System.out.printf(
        "live compose: %d packages; phases %s; ISO %.1f MiB; boot to marker %.0f s%n",
        r.lock().packages().size(),
        r.phases().stream().map(p -> p.name() + "=" + p.seconds() + "s").toList(),
        Files.size(iso) / 1048576.0,
        booted.seconds());
    Files.delete(iso); // some 300 MB
  }

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }
}
