package org.debforge.orchestrator.auth;

import java.time.Instant;
import org.debforge.orchestrator.tag.Tag;

/**
 * A named API token (never the secret itself). Its name is the actor recorded in the history for
 * every change made with it.
 */
public record ApiToken(long id, String name, Role role, Instant created, String createdBy) {
  public ApiToken {
    Tag.requireName(name);
    if (role == null) {
      throw new IllegalArgumentException("a token needs a role");
    }
  }
}
