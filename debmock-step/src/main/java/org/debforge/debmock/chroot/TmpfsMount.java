package org.debforge.debmock.chroot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tmpfs mounted on the host at a build root's directory (for the {@code tmpfs} plugin). It must
 * be a host mount, not one in the per-command namespaces, because the upper layer lives on from one
 * command to the next; {@link BuildRoot#remove} unmounts it. A marker file inside says it is one.
 */
public final class TmpfsMount {
  static final String MARKER = ".deb-mock-tmpfs";

  private TmpfsMount() {}

  /**
   * Mounts a tmpfs of {@code size} bytes at {@code dir} unless the host has less than {@code
   * requiredRam} available; returns the line for root.log saying which happened.
   */
  public static String mount(Path dir, long size, long requiredRam) {
    long available = memAvailable();
    if (available >= 0 && available < requiredRam) {
      return "tmpfs: only "
          + (available >> 20)
          + " MiB available, less than required_ram "
          + (requiredRam >> 20)
          + " MiB: building on disk in "
          + dir;
    }
    try {
      Files.createDirectories(dir);
      Process p =
          new ProcessBuilder(
                  "mount",
                  "-t",
                  "tmpfs",
                  "-o",
                  "size=" + size + ",mode=0755",
                  "deb-mock",
                  dir.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (p.waitFor() != 0) {
        return "tmpfs: cannot mount (" + out + "): building on disk in " + dir;
      }
      Files.writeString(dir.resolve(MARKER), "");
      return "tmpfs: build root on a tmpfs of " + (size >> 20) + " MiB at " + dir;
    } catch (IOException e) {
      return "tmpfs: cannot mount (" + e.getMessage() + "): building on disk in " + dir;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "tmpfs: interrupted: building on disk in " + dir;
    }
  }

  /** Unmounts {@code dir} if it is one of ours (lazily if busy). */
  static void unmountIfMounted(Path dir) throws IOException {
    if (!Files.exists(dir.resolve(MARKER))) {
      return;
    }
    for (List<String> cmd :
        List.of(List.of("umount", dir.toString()), List.of("umount", "-l", dir.toString()))) {
      try {
        if (new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor() == 0) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IOException("cannot unmount the tmpfs at " + dir);
  }

  /** MemAvailable from /proc/meminfo in bytes, or -1 when unknown. */
  static long memAvailable() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // unknown: try the mount
    }
    return -1;
  }
}
