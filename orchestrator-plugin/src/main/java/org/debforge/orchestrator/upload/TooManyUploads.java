package org.debforge.orchestrator.upload;

import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A token sending more uploads at once than the server allows it: 429, nothing read or stored. Its
 * own type so that the HTTP mapping can tell it from other conflicts.
 */
public final class TooManyUploads extends DebforgeException {
  public TooManyUploads(String token, int limit) {
    super(
        ErrorKind.CONFLICT,
        "token '" + token + "' is already sending " + limit + " uploads",
        "wait for one to finish (the server allows " + limit + " at once per token)");
  }
}
