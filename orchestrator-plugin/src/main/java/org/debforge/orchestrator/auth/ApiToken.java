package org.debforge.orchestrator.auth;

import java.time.Instant;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A named API token (never the secret itself). Its name is the actor recorded in the history for
 * every change made with it; {@code perms} are the named permissions it holds besides its role
 * (what a tag's {@code perm} asks for).
 */
public record ApiToken(
    long id, String name, Role role, List<String> perms, Instant created, String createdBy) {
  public ApiToken {
    requireName(name);
    if (role == null) {
      throw new IllegalArgumentException("a token needs a role");
    }
    perms = List.copyOf(perms);
    perms.forEach(Caller::requirePerm);
  }

  /**
   * Token names follow tag names' rule (they are typed in shells and shown as history actors). The
   * rule is repeated rather than borrowed from the tag engine, which depends on this package; the
   * message is the one token names always had.
   */
  private static void requireName(String name) {
    if (name == null || name.length() > 200 || !name.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "invalid tag or target name '" + name + "'",
          "use letters, digits and . _ + - (e.g. trixie-updates-candidate)");
    }
  }
}
