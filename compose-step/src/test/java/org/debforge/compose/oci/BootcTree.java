package org.debforge.compose.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small tree shaped as our bootc image's (the ostree commit with /etc back at the top): what the
 * lint passes, made of folders and files in a temp dir, so each check is tested in milliseconds.
 */
final class BootcTree {
  private BootcTree() {}

  static final String KVER = "6.1.0-99-amd64";

  static Path make(Path root) throws IOException {
    for (String d : BootcLint.API_DIRS) {
      Files.createDirectories(root.resolve(d));
    }
    Files.createDirectories(root.resolve("boot"));
    Files.createDirectories(root.resolve("sysroot"));
    Files.createSymbolicLink(root.resolve("ostree"), Path.of("sysroot/ostree"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hostname"), "debian\n");
    Files.createDirectories(root.resolve("usr/bin"));
    Files.writeString(root.resolve("usr/bin/sh"), "#!sh\n");
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    kernel(root, KVER);
    return root;
  }

  static void kernel(Path root, String kver) throws IOException {
    Path k = Files.createDirectories(root.resolve("usr/lib/modules/" + kver));
    Files.writeString(k.resolve("vmlinuz"), "kernel " + kver);
    Files.writeString(k.resolve("initramfs.img"), "initramfs " + kver);
  }

  /** Runs a shell line in {@code dir}: the only way to make a name that is not UTF-8. */
  static void sh(Path dir, String line) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", line).directory(dir.toFile()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("sh -c " + line + " exited " + p.exitValue());
    }
  }
}
