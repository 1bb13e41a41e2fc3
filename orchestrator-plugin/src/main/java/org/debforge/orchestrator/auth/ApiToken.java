package org.debforge.orchestrator.auth;

import java.time.Instant;
import java.util.List;
import org.debforge.orchestrator.tag.Tag;

/**
 * A named API token (never the secret itself). Its name is the actor recorded in the history for
 * every change made with it; {@code perms} are the named permissions it holds besides its role
 * (what a tag's {@code perm} asks for).
 */
public record ApiToken(
    long id, String name, Role role, List<String> perms, Instant created, String createdBy) {
  public ApiToken {
    Tag.requireName(name);
    if (role == null) {
      throw new IllegalArgumentException("a token needs a role");
    }
    perms = List.copyOf(perms);
    perms.forEach(Caller::requirePerm);
  }
}
