package org.debforge.compose.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the kernel has mounted at or below a folder (from /proc/self/mountinfo). */
final class Mounts {
  private Mounts() {}

  /**
   * The mount points at or below {@code dir}, in mount order (unmount them in reverse).
   *
   * @throws IOException when mountinfo cannot be read: then nothing below may be deleted
   */
  static List<Path> below(Path dir) throws IOException {
    String prefix = dir.toAbsolutePath().normalize().toString();
    List<Path> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      // field 5 is the mount point, with spaces and the like written as octal escapes
      if (f.length > 4 && (f[4].equals(prefix) || f[4].startsWith(prefix + "/"))) {
        out.add(Path.of(f[4]));
      }
    }
    return out;
  }
}
