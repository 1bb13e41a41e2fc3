package org.debforge.debmock.chroot;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Refuses mount targets that pass through a symlink of the root: in-root.sh resolves targets
 * against the host before it chroots, so such a symlink could mount over a host directory.
 * in-root.sh checks again with realpath when it mounts.
 */
public final class MountTargets {
  private MountTargets() {}

  /**
   * Refuses {@code target} if any of its components is a symlink in one of the root's layers
   * ({@code layers}: the root's own layer first, then the lower layers), naming {@code key}.
   */
  public static void checkNoSymlink(String target, List<Path> layers, String key) {
    String[] parts = target.substring(1).split("/");
    StringBuilder rel = new StringBuilder();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      rel.append(rel.length() == 0 ? "" : "/").append(part);
      for (Path layer : layers) {
        Path p = layer.resolve(rel.toString());
        if (Files.isSymbolicLink(p)) {
          throw new DebforgeException(
              ErrorKind.CONFIG,
              key + ": target " + target + " passes through /" + rel + ", a symlink in the root",
              "mount at a real directory of the root; a symlink could lead out of it");
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          break; // the topmost layer holding the path decides what it is
        }
      }
    }
  }
}
