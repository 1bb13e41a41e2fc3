package org.debforge.compose.tool;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finding the host tools the phase runs. */
public final class Tools {
  private Tools() {}

  public static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
