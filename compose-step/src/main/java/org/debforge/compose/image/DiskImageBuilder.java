package org.debforge.compose.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.debforge.compose.tool.ToolLog;
import org.debforge.compose.tool.Tools;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A bootable GPT disk image of an OSTree commit (UEFI): the commit deployed into a fresh sysroot,
 * an ESP holding a standalone GRUB EFI as {@code /EFI/BOOT/BOOTX64.EFI} with a {@code grub.cfg}
 * made from the deployment's BLS entries, and one ext4 root holding the sysroot, {@code /boot}
 * included (GRUB reads the kernel and initramfs there with its ext2 module). Written as raw and/or
 * qcow2. See docs/compose-image.md.
 */
public final class DiskImageBuilder {
  /** Host tool to Debian package, checked before any work. */
  static final Map<String, String> TOOLS = tools();

  public List<DiskImage> build(DiskImageRequest r) {
    requireTools(r);
    ToolLog log = new ToolLog(r.log(), "image");
    Steps s = new Steps(log);
    Path work;
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(r.work());
      Files.createDirectories(r.outDir());
      work = Files.createTempDirectory(r.work(), ".image-");
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "image: " + r.work() + ": " + e, null, e);
    }
    Path sysroot = work.resolve("sysroot");
    try {
      UUID uuid = UUID.randomUUID();
      List<String> kargs = new ArrayList<>(List.of("root=UUID=" + uuid, "rw"));
      kargs.addAll(r.kernelArgs());
      List<BootEntry> entries = Sysroot.deploy(sysroot, r, kargs, s);
      String prefix = bootPrefix(sysroot, entries.get(0));
      Path cfg = work.resolve("grub.cfg");
      Files.writeString(cfg, GrubConfig.render(entries, uuid.toString(), prefix));
      log.line("grub.cfg:\n" + Files.readString(cfg));
      Path efi = work.resolve("BOOTX64.EFI");
      // Standalone: the config and every module in a memdisk inside the EFI binary, so the ESP
      // needs nothing else and no grub-install (which wants a mounted ESP and NVRAM) runs.
      s.run(
          "grub",
          "grub-mkstandalone",
          "--format=x86_64-efi",
          "--output=" + efi,
          "--locales=",
          "--fonts=",
          "--themes=",
          "boot/grub/grub.cfg=" + cfg);
      Path esp = work.resolve("esp.img");
      GptDisk.esp(esp, efi, s);
      long used =
          Long.parseLong(s.capture("size", "du", "-sx", "-B1", sysroot.toString()).split("\\s")[0]);
      long rootSize = rootSize(used, r);
      Path root = work.resolve("root.img");
      GptDisk.root(root, sysroot, rootSize, uuid, s);
      Sysroot.unlock(sysroot, s);
      deleteTree(sysroot);
      Path disk = Files.createTempFile(r.outDir(), "." + r.baseName() + "-", ".raw.part");
      written.add(disk);
      GptDisk.assemble(disk, esp, root, rootSize, work, s);
      Files.delete(root);
      for (ImageOptions.Format f : r.formats()) {
        Path file = file(r, f);
        if (f == ImageOptions.Format.QCOW2) {
          Path tmp = Files.createTempFile(r.outDir(), "." + r.baseName() + "-", ".qcow2.part");
          written.add(tmp);
          s.run(
              "qcow2",
              "qemu-img",
              "convert",
              "-f",
              "raw",
              "-O",
              "qcow2",
              disk.toString(),
              tmp.toString());
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      if (r.formats().contains(ImageOptions.Format.RAW)) {
        Files.move(
            disk,
            file(r, ImageOptions.Format.RAW),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
      List<DiskImage> result = new ArrayList<>();
      for (ImageOptions.Format f : r.formats()) {
        Path file = file(r, f);
        result.add(new DiskImage(file, f, Files.size(file), sha256(file)));
      }
      return result;
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "image: " + e.getMessage(), null, e);
    } finally {
      try {
        Sysroot.unlock(sysroot, s);
      } catch (DebforgeException e) {
        log.line("cannot unlock " + sysroot + ": " + e.getMessage());
      }
      deleteTree(work);
      // Half-written files (temp names) never stay; finished ones were renamed away.
      for (Path p : written) {
        deleteQuietly(p);
      }
    }
  }

  private static Path file(DiskImageRequest r, ImageOptions.Format f) {
    return r.outDir().resolve(r.baseName() + "." + f.key());
  }

  /**
   * The entries' paths are relative to the file system holding /boot. Here /boot is a folder of the
   * root, so GRUB (rooted at that file system) reads them under /boot; with ostree's {@code
   * sysroot.bootprefix} they already start with /boot.
   */
  static String bootPrefix(Path sysroot, BootEntry e) {
    return Files.exists(sysroot.resolve(e.linux().substring(1))) ? "" : "/boot";
  }

  /**
   * The root file system's size: the size asked for less the ESP and GPT, or the tree plus 30%
   * (ext4's inode tables and journal) and 512 MiB the machine writes into /var and new deployments.
   */
  static long rootSize(long used, DiskImageRequest r) {
    long min = used + used / 10 + 64 * GptDisk.MIB;
    if (r.size().isPresent()) {
      long root = r.size().get() - GptDisk.ROOT_START - GptDisk.TAIL;
      if (root < min) {
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "image: size "
                + (r.size().get() >> 20)
                + "M is too small: the deployed tree takes "
                + (used >> 20)
                + " MiB, so the disk needs at least "
                + ((min + GptDisk.ROOT_START + GptDisk.TAIL) >> 20)
                + "M",
            "raise the image output's size, or leave it out to have it computed");
      }
      return root / GptDisk.MIB * GptDisk.MIB;
    }
    long want = used + used * 3 / 10 + 512 * GptDisk.MIB;
    return (want + GptDisk.MIB - 1) / GptDisk.MIB * GptDisk.MIB;
  }

  private static void requireTools(DiskImageRequest r) {
    List<String> missing = new ArrayList<>();
    TOOLS.forEach(
        (tool, pkg) -> {
          if (tool.equals("qemu-img") && !r.formats().contains(ImageOptions.Format.QCOW2)) {
            return;
          }
          if (!Tools.onPath(tool)) {
            missing.add(tool + " (" + pkg + ")");
          }
        });
    if (!missing.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "image: missing host tools: " + String.join(", ", missing),
          "install them: scripts/install-deps");
    }
  }

  private static Map<String, String> tools() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ostree", "ostree");
    m.put("grub-mkstandalone", "grub-efi-amd64-bin and grub-common");
    m.put("mkfs.vfat", "dosfstools");
    m.put("mcopy", "mtools");
    m.put("mkfs.ext4", "e2fsprogs");
    m.put("chattr", "e2fsprogs");
    m.put("sfdisk", "fdisk");
    m.put("qemu-img", "qemu-utils");
    return m;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[1 << 20];
      while (in.read(buf) >= 0) {
        // reading feeds the digest
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> w = Files.walk(dir)) {
      for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // scratch left behind is removed with the compose's work folder
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // nothing more to do
    }
  }
}
