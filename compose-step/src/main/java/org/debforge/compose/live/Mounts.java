package org.debforge.compose.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the kernel has anything mounted at or below a folder (from /proc/self/mountinfo). */
final class Mounts {
  private Mounts() {}

  static boolean below(Path dir) {
    String prefix = dir.toAbsolutePath().normalize().toString();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        // field 5 is the mount point, with spaces and the like written as octal escapes
        if (f.length > 4 && (f[4].equals(prefix) || f[4].startsWith(prefix + "/"))) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true; // unknown: never delete
    }
  }
}
