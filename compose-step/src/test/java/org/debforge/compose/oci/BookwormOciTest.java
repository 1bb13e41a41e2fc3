package org.debforge.compose.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.debforge.compose.ostree.BookwormOstreeTest;
import org.debforge.compose.ostree.OstreeCommit;
import org.debforge.compose.ostree.OstreeCommitter;
import org.debforge.compose.ostree.OstreeRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real bookworm root (BookwormOstreeTest's cached one: kernel, dracut, ostree-boot, systemd)
 * committed with its dracut initramfs, then made a bootc image: bootc's lint passes on a real tree,
 * and skopeo reads the archive.
 */
@Tag("network")
@Tag("slow")
@Tag("root")
class BookwormOciTest {
  @TempDir Path dir;

  @Test
  void aBookwormCommitBecomesABootcImageThatPassesTheLint() throws Exception {
    Path root = BookwormOstreeTest.bookwormRoot();
    Path repo = dir.resolve("repo");
    OstreeCommit c =
        new OstreeCommitter()
            .commit(
                new OstreeRequest(
                    root,
                    repo,
                    "debian/12/amd64/oci",
                    "12.20261203.0",
                    Optional.empty(),
                    Map.of(),
                    dir.resolve("work"),
                    dir.resolve("ostree.log")));
    Path tar = dir.resolve("bookworm-oci.tar");
    long start = System.nanoTime();
    OciImage image =
        new OciBuilder()
            .build(
                new OciRequest(
                    repo,
                    c.checksum(),
                    "amd64",
                    "12.20261203.0",
                    OciFormat.OCI_ARCHIVE,
                    Instant.parse("2026-12-03T10:00:00Z"),
                    Map.of("org.opencontainers.image.version", "12.20261203.0"),
                    tar,
                    dir.resolve("work"),
                    dir.resolve("oci.log")));
    double seconds = (System.nanoTime() - start) / 1e9;
    // Kept for reading the figures (each step's time) after a run.
    Files.writeString(
        dir.resolve("oci.log"),
        String.format("oci: the image took %.1f s, %d bytes%n", seconds, image.size()),
        java.nio.file.StandardOpenOption.APPEND);
    Files.copy(
        dir.resolve("oci.log"),
        Path.of("target/oci-bookworm.log").toAbsolutePath(),
        StandardCopyOption.REPLACE_EXISTING);

    JsonNode inspect = Cli.json("skopeo", "inspect", "oci-archive:" + tar + ":12.20261203.0");
    assertThat(inspect.at("/Labels/containers.bootc").asText()).isEqualTo("1");
    assertThat(inspect.at("/Labels/ostree.bootable").asText()).isEqualTo("1");
    assertThat(inspect.at("/Architecture").asText()).isEqualTo("amd64");
    assertThat(inspect.at("/Digest").asText()).isEqualTo(image.manifest());

    // The layer as tar lists it: /etc at the top, the one kernel with its initramfs.
    String listing =
        Cli.run(
            "sh",
            "-c",
            "tar -xOf '" + tar + "' blobs/sha256/" + image.layer().substring(7) + " | tar -tzf -");
    assertThat(listing)
        .contains("etc/os-release\n", "etc/passwd\n")
        .contains("usr/lib/modules/" + c.kernel().orElseThrow() + "/vmlinuz\n")
        .contains("usr/lib/modules/" + c.kernel().orElseThrow() + "/initramfs.img\n")
        .doesNotContain("usr/etc/");
  }
}
