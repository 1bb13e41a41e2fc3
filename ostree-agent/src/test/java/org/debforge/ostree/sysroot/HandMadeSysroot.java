package org.debforge.ostree.sysroot;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files ostree admin deploy leaves in a physical root, written by hand: boot entries, the
 * boot.N links and deployment folders with origins. Enough to read a sysroot without ostree.
 */
public final class HandMadeSysroot {
  private HandMadeSysroot() {}

  /**
   * Writes one deployment per checksum, the first the default.
   *
   * @return the sysroot
   */
  public static Path write(
      Path root, String os, String[] checksums, String[] origins, String[] options)
      throws Exception {
    Files.createDirectories(root.resolve("ostree/repo"));
    Path entries = root.resolve("boot/loader.1/entries");
    Files.createDirectories(entries);
    Files.createSymbolicLink(root.resolve("boot/loader"), Path.of("loader.1"));
    for (int i = 0; i < checksums.length; i++) {
      Path deploy = root.resolve("ostree/deploy/" + os + "/deploy/" + checksums[i] + ".0");
      Files.createDirectories(deploy);
      Files.writeString(deploy.resolveSibling(checksums[i] + ".0.origin"), origins[i]);
      Path link = root.resolve("ostree/boot.1/" + os + "/bootcsum" + i + "/0");
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(
          link, Path.of("../../../deploy/" + os + "/deploy/" + checksums[i] + ".0"));
      int version = checksums.length - i;
      Files.writeString(
          entries.resolve("ostree-" + version + "-" + os + ".conf"),
          "title Debian GNU/Linux 12 (bookworm) 12.2026120"
              + version
              + ".0 (ostree:"
              + i
              + ")\n"
              + "version "
              + version
              + "\n"
              + "options "
              + options[i]
              + " ostree=/ostree/boot.1/"
              + os
              + "/bootcsum"
              + i
              + "/0\n"
              + "linux /ostree/"
              + os
              + "-bootcsum"
              + i
              + "/vmlinuz-6.1.0-28-amd64\n"
              + "initrd /ostree/"
              + os
              + "-bootcsum"
              + i
              + "/initramfs-6.1.0-28-amd64.img\n");
    }
    return root;
  }
}
