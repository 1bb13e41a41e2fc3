package org.debforge.compose.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * {@code TARGET/latest-NAME}, pointing at the newest finished compose: made as a temp symlink then
 * renamed over the old one (rename(2) is atomic), so readers always see the old or the new compose.
 */
public final class LatestLink {
  private LatestLink() {}

  public static Path path(Path target, String name) {
    return target.resolve("latest-" + name);
  }

  public static void point(Path target, String name, String composeId) {
    Path link = path(target, name);
    Path tmp = target.resolve(".latest-" + name + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, Path.of(composeId));
      Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the temp link is harmless; the next run replaces it
      }
      throw new DebforgeException(ErrorKind.IO, link + ": " + e.getMessage(), null, e);
    }
  }
}
