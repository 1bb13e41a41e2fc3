package org.debforge.orchestrator.tag;

import java.time.Instant;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.auth.Role;

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

  /** Whether {@code who} may tag into or untag from this tag (its lock and perm allowing). */
  public boolean changeableBy(Caller who) {
    return who.role() == Role.ADMIN
        || (who.role().allows(Role.TAGGER)
            && !locked
            && (perm == null || who.perms().contains(perm)));
  }

  /**
   * Refuses, before anything is changed, a caller who may not change this tag: a locked tag is for
   * admins only (who must still unlock it), a tag with a perm needs an admin or that perm.
   */
  public void requireChangeableBy(Caller who) {
    if (who.role() == Role.ADMIN) {
      return;
    }
    if (!who.role().allows(Role.TAGGER)) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "'"
              + who.name()
              + "' has role "
              + who.role().label()
              + ", changing tag '"
              + name
              + "' needs tagger",
          "ask an admin for a token with role tagger");
    }
    if (locked) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "tag '" + name + "' is locked: only an admin may change it",
          "ask an admin to unlock it (deb-orchestrator edit-tag " + name + " --unlock)");
    }
    if (perm != null && !who.perms().contains(perm)) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "tag '"
              + name
              + "' requires permission '"
              + perm
              + "', which '"
              + who.name()
              + "' does not hold",
          "ask an admin for a token with it: deb-orchestrator token create --name NAME"
              + " --role tagger --perm "
              + perm);
    }
  }
}
