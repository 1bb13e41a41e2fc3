package org.debforge.compose.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The partitions and the disk, each made as a plain file with the file system's own tools (no loop
 * device, no mount, so no privilege beyond writing files): the ESP with {@code mkfs.vfat -C} and
 * mtools, the root with {@code mkfs.ext4 -d}, and the GPT disk by {@code sfdisk} on a sparse file
 * with both written at their offsets by {@code dd conv=sparse,notrunc}.
 */
final class GptDisk {
  static final long MIB = 1L << 20;

  /** The ESP: room for the standalone GRUB (some 7 MiB with every module) and more. */
  static final long ESP_SIZE = 64 * MIB;

  /** Where the ESP starts (the usual 1 MiB alignment, after the GPT header and table). */
  static final long ESP_START = MIB;

  static final long ROOT_START = ESP_START + ESP_SIZE;

  /** Room after the root for the backup GPT (33 sectors), rounded to a MiB. */
  static final long TAIL = MIB;

  /** The EFI System Partition type. */
  static final String ESP_TYPE = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

  /**
   * The root's type: Linux x86-64 root of the Discoverable Partitions Specification, so tools (and
   * systemd-gpt-auto-generator) know the partition for what it is.
   */
  static final String ROOT_TYPE = "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709";

  private GptDisk() {}

  /** The ESP file holding {@code /EFI/BOOT/BOOTX64.EFI}: the path firmware boots unasked. */
  static void esp(Path file, Path bootx64, Steps s) {
    s.run("esp", "mkfs.vfat", "-C", "-n", "ESP", file.toString(), Long.toString(ESP_SIZE / 1024));
    s.run("esp", "mmd", "-i", file.toString(), "::/EFI", "::/EFI/BOOT");
    s.run("esp", "mcopy", "-i", file.toString(), bootx64.toString(), "::/EFI/BOOT/BOOTX64.EFI");
  }

  /** The root file system: the sysroot's tree copied in by mke2fs itself (owners, modes, links). */
  static void root(Path file, Path sysroot, long size, UUID uuid, Steps s) {
    s.run(
        "root",
        "mkfs.ext4",
        "-q",
        "-F",
        "-L",
        "root",
        "-U",
        uuid.toString(),
        "-d",
        sysroot.toString(),
        file.toString(),
        (size / 1024) + "k");
  }

  /** Partitions a sparse file of {@code size} bytes and writes both file systems into it. */
  static void assemble(Path disk, Path esp, Path root, long rootSize, Path work, Steps s)
      throws IOException {
    long total = ROOT_START + rootSize + TAIL;
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.setLength(total);
    }
    Path script = work.resolve("sfdisk.script");
    Files.writeString(
        script,
        "label: gpt\nunit: sectors\n"
            + part(ESP_START, ESP_SIZE, ESP_TYPE, "ESP")
            + part(ROOT_START, rootSize, ROOT_TYPE, "root"),
        StandardCharsets.US_ASCII);
    s.runWithInput(
        "partition", script, "sfdisk", "--no-reread", "--no-tell-kernel", disk.toString());
    dd(esp, disk, ESP_START, s);
    dd(root, disk, ROOT_START, s);
  }

  private static String part(long start, long size, String type, String name) {
    return "start="
        + start / 512
        + ", size="
        + size / 512
        + ", type="
        + type
        + ", name=\""
        + name
        + "\"\n";
  }

  private static void dd(Path from, Path disk, long offset, Steps s) {
    s.run(
        "write " + from.getFileName(),
        "dd",
        "if=" + from,
        "of=" + disk,
        "bs=1M",
        "seek=" + offset / MIB,
        "conv=notrunc,sparse",
        "status=none");
  }
}
