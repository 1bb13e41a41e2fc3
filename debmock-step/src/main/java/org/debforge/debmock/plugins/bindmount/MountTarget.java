package org.debforge.debmock.plugins.bindmount;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Where {@code bind_mount} and {@code mount} may mount: an absolute path in the root that does not
 * climb with {@code ..} and does not pass through a symlink of the root (which in-root.sh would
 * resolve against the host, before the chroot, and so mount over a host directory).
 */
public final class MountTarget {
  private MountTarget() {}

  /** Checks the text of a target; throws IllegalArgumentException (option binding). */
  public static void check(String target) {
    if (target == null || !target.startsWith("/") || target.equals("/")) {
      throw new IllegalArgumentException(
          "target must be an absolute path below / in the root: " + target);
    }
    if (List.of(target.split("/")).contains("..")) {
      throw new IllegalArgumentException("target climbs out of the root with '..': " + target);
    }
    if (target.contains("\t") || target.contains("\n")) {
      throw new IllegalArgumentException("target has a tab or newline: " + target);
    }
  }

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
