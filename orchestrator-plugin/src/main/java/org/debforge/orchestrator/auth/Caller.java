package org.debforge.orchestrator.auth;

import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.tag.Tag;

/**
 * Who asks the engine for a change to what a tag holds: the name recorded in the history, the role,
 * and the named permissions held besides it. The engine checks a tag's lock and {@code perm}
 * against this, so the REST API, the web UI and the CLI cannot disagree about who may tag what.
 */
public record Caller(String name, Role role, List<String> perms) {
  public Caller {
    if (name == null || name.isBlank() || role == null) {
      throw new IllegalArgumentException("a caller needs a name and a role");
    }
    perms = List.copyOf(perms);
  }

  /** The local store's user: whoever can write the store directory is its admin. */
  public static Caller local(String name) {
    return new Caller(name, Role.ADMIN, List.of());
  }

  public static Caller of(ApiToken t) {
    return new Caller(t.name(), t.role(), t.perms());
  }

  /** Whether the caller may tag into or untag from {@code tag} (its lock and perm allowing). */
  public boolean mayChange(Tag tag) {
    return role == Role.ADMIN
        || (role.allows(Role.TAGGER)
            && !tag.locked()
            && (tag.perm() == null || perms.contains(tag.perm())));
  }

  /**
   * Refuses, before anything is changed, a caller who may not change {@code tag}: a locked tag is
   * for admins only (who must still unlock it), a tag with a perm needs an admin or that perm.
   */
  public void requireMayChange(Tag tag) {
    if (role == Role.ADMIN) {
      return;
    }
    if (!role.allows(Role.TAGGER)) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "'"
              + name
              + "' has role "
              + role.label()
              + ", changing tag '"
              + tag.name()
              + "' needs tagger",
          "ask an admin for a token with role tagger");
    }
    if (tag.locked()) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "tag '" + tag.name() + "' is locked: only an admin may change it",
          "ask an admin to unlock it (deb-orchestrator edit-tag " + tag.name() + " --unlock)");
    }
    if (tag.perm() != null && !perms.contains(tag.perm())) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "tag '"
              + tag.name()
              + "' requires permission '"
              + tag.perm()
              + "', which '"
              + name
              + "' does not hold",
          "ask an admin for a token with it: deb-orchestrator token create --name NAME"
              + " --role tagger --perm "
              + tag.perm());
    }
  }

  /** Permission names: Koji's are short words (admin, repo, build-import, ...). */
  public static String requirePerm(String perm) {
    if (perm == null || !perm.matches("[a-z][a-z0-9_-]{0,63}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "invalid permission name '"
              + (perm == null ? null : perm.replaceAll("\\p{Cntrl}", "?"))
              + "'",
          "use lowercase letters, digits, '-' and '_', starting with a letter (e.g. release)");
    }
    return perm;
  }
}
