package org.debforge.orchestrator.upload;

import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/** A resumable upload's declaration or chunk over the server's limit: 413, nothing kept. */
public final class TooLarge extends DebforgeException {
  public TooLarge(long size, long limit) {
    super(
        ErrorKind.UNSAFE_INPUT,
        size + " bytes refused: the limit is " + limit + " bytes",
        "raise the server's --max-upload / --max-chunk, or send smaller chunks");
  }
}
