package org.debforge.orchestrator.auth;

import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Who asks the engine for a change to what a tag holds: the name recorded in the history, the role,
 * and the named permissions held besides it. The tag engine checks a tag's lock and {@code perm}
 * against this ({@code Tag#requireChangeableBy}), so the REST API, the web UI and the CLI cannot
 * disagree about who may tag what; this package knows nothing of tags.
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
