package org.debforge.orchestrator.auth;

import java.util.Locale;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * What an API token may do. Readers read; builders also import builds; taggers also change what
 * tags hold (tag, untag, move, package lists); admins do everything, including creating tags,
 * targets and tokens, and anything on a locked tag.
 */
public enum Role {
  READER,
  BUILDER,
  TAGGER,
  ADMIN;

  /** Whether this role may do what {@code needed} may do. Builder and tagger are unrelated. */
  public boolean allows(Role needed) {
    return this == ADMIN || this == needed || needed == READER;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String s) {
    for (Role r : values()) {
      if (r.label().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return r;
      }
    }
    throw new DebforgeException(
        ErrorKind.INVALID_INPUT,
        "unknown role '" + s + "'",
        "use one of admin, tagger, builder, reader");
  }
}
