package org.debforge.orchestrator.tag;

import java.time.Instant;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A tag: a named, inheritable set of builds, as Koji's.
 *
 * @param perm the permission that tagging into or untagging from this tag requires besides the
 *     tagger role (Koji's tag {@code perm}), or null
 */
public record Tag(
    long id, String name, List<String> arches, boolean locked, String perm, Instant created) {
  public Tag {
    requireName(name);
    arches = List.copyOf(arches);
  }

  /** Tag and target names: what Koji allows, minus characters that need quoting in a shell. */
  public static String requireName(String name) {
    if (name == null || name.length() > 200 || !name.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "invalid tag or target name '" + name + "'",
          "use letters, digits and . _ + - (e.g. trixie-updates-candidate)");
    }
    return name;
  }
}
