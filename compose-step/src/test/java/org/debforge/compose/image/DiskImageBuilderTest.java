package org.debforge.compose.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.debforge.compose.ostree.HandMadeRoot;
import org.debforge.compose.ostree.OstreeCommit;
import org.debforge.compose.ostree.OstreeCommitter;
import org.debforge.compose.ostree.OstreeRequest;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk made from a commit of a hand-made root with a stand-in kernel (deploy checks where files
 * are, not what they hold), read back by the tools that own each format: sfdisk, mtools, debugfs,
 * qemu-img. The boot itself is BookwormImageBootTest's.
 */
@Tag("root")
class DiskImageBuilderTest {
  static final String REF = "debian/12/amd64/test";
  static final String KVER = "6.1.0-1-amd64";

  @TempDir Path dir;

  private OstreeCommit commit() throws Exception {
    Path root = HandMadeRoot.make(dir.resolve("rootfs"));
    Path modules = Files.createDirectories(root.resolve("usr/lib/modules/" + KVER));
    Files.writeString(modules.resolve("vmlinuz"), "kernel");
    Files.writeString(modules.resolve("initramfs.img"), "initramfs");
    return new OstreeCommitter()
        .commit(
            new OstreeRequest(
                root,
                dir.resolve("repo"),
                REF,
                "12.1",
                Optional.empty(),
                java.util.Map.of(),
                dir.resolve("work"),
                dir.resolve("ostree.log")));
  }

  private DiskImageRequest request(OstreeCommit c, Optional<Long> size) {
    return new DiskImageRequest(
        dir.resolve("repo"),
        REF,
        c.checksum(),
        "debian",
        List.of("console=ttyS0,115200", "quiet"),
        size,
        List.of(ImageOptions.Format.RAW, ImageOptions.Format.QCOW2),
        dir.resolve("work"),
        dir.resolve("images"),
        "mini-amd64-disk",
        dir.resolve("image.log"));
  }

  @Test
  void theDiskHoldsAnEspWithGrubAndTheDeployedRoot() throws Exception {
    OstreeCommit c = commit();
    List<DiskImage> made = new DiskImageBuilder().build(request(c, Optional.empty()));
    String log = Files.readString(dir.resolve("image.log"));
    assertThat(made)
        .extracting(DiskImage::format)
        .containsExactly(ImageOptions.Format.RAW, ImageOptions.Format.QCOW2);
    Path raw = made.get(0).file();
    assertThat(raw).isEqualTo(dir.resolve("images/mini-amd64-disk.raw"));
    assertThat(made.get(0).size()).isEqualTo(Files.size(raw));
    assertThat(made.get(0).sha256()).isEqualTo(DiskImageBuilder.sha256(raw));

    ObjectMapper json = new ObjectMapper();
    JsonNode table = json.readTree(run("sfdisk", "--json", raw.toString())).get("partitiontable");
    assertThat(table.get("label").asText()).isEqualTo("gpt");
    JsonNode esp = table.get("partitions").get(0);
    JsonNode root = table.get("partitions").get(1);
    assertThat(esp.get("start").asLong()).isEqualTo(2048);
    assertThat(esp.get("size").asLong()).isEqualTo(64 * 2048);
    assertThat(esp.get("type").asText()).isEqualTo(GptDisk.ESP_TYPE);
    assertThat(root.get("start").asLong()).isEqualTo(65 * 2048);
    assertThat(root.get("type").asText()).isEqualTo(GptDisk.ROOT_TYPE);

    assertThat(run("mdir", "-i", raw + "@@1M", "::/EFI/BOOT")).contains("BOOTX64");
    String fs = raw + "?offset=" + (65L << 20);
    String entries = run("debugfs", "-R", "ls -p /boot/loader/entries", fs);
    assertThat(entries).contains("ostree-1-debian.conf");
    String entry = run("debugfs", "-R", "cat /boot/loader/entries/ostree-1-debian.conf", fs);
    String uuid =
        run("blkid", "-p", "-o", "value", "-s", "UUID", "-O", "" + (65L << 20), raw.toString())
            .strip();
    assertThat(entry)
        .contains("options root=UUID=" + uuid + " rw console=ttyS0,115200 quiet ostree=")
        .containsPattern("linux /ostree/debian-[0-9a-f]+/vmlinuz-" + KVER);
    assertThat(
            run(
                "debugfs",
                "-R",
                "cat /ostree/deploy/debian/deploy/" + c.checksum() + ".0/etc/hostname",
                fs))
        .contains("debian");
    assertThat(log)
        .contains("search --no-floppy --fs-uuid --set=root " + uuid)
        .containsPattern("  linux /boot/ostree/debian-[0-9a-f]+/vmlinuz-" + KVER + " root=UUID=");

    JsonNode info =
        json.readTree(run("qemu-img", "info", "--output=json", made.get(1).file().toString()));
    assertThat(info.get("format").asText()).isEqualTo("qcow2");
    assertThat(info.get("virtual-size").asLong()).isEqualTo(Files.size(raw));
    assertThat(listing(dir.resolve("images")))
        .containsExactlyInAnyOrder("mini-amd64-disk.raw", "mini-amd64-disk.qcow2");
    assertThat(listing(dir.resolve("work"))).noneMatch(n -> n.startsWith(".image-"));
  }

  @Test
  void aSizeTooSmallForTheTreeFailsNamingTheLeastSizeAndLeavesNothing() throws Exception {
    OstreeCommit c = commit();
    // Below the options' 256M floor, which the engine does not know: its own rule is the tree.
    assertThatThrownBy(() -> new DiskImageBuilder().build(request(c, Optional.of(100L << 20))))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED))
        .hasMessageContaining("is too small")
        .hasMessageContaining("the disk needs at least");
    // The default: the tree, 30% more, 512 MiB free, in whole MiB.
    assertThat(DiskImageBuilder.rootSize(1L << 30, request(c, Optional.empty())))
        .isEqualTo(((1L << 30) + (1L << 30) * 3 / 10 + (512L << 20) + (1 << 20) - 1) >> 20 << 20);
    assertThat(listing(dir.resolve("images"))).isEmpty();
    assertThat(listing(dir.resolve("work"))).noneMatch(n -> n.startsWith(".image-"));
  }

  private static List<String> listing(Path d) throws Exception {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }
}
