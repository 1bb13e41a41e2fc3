package org.debforge.debmock.plugins.bindmount;

import java.util.List;

/**
 * Where {@code bind_mount} and {@code mount} may mount, as far as the text tells: an absolute path
 * in the root that does not climb with {@code ..}. The engine refuses a target through a symlink of
 * the root when the mount is added.
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
}
