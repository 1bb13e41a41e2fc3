package org.debforge.orchestrator.upload;

import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * An upload over the server's limit, whole (multipart) or resumable (a declaration or a chunk):
 * 413, and nothing is stored. Its own type so that the HTTP mapping can tell it from other unsafe
 * input, which is a 400.
 */
public final class TooLarge extends DebforgeException {
  public TooLarge(String message, String hint) {
    super(ErrorKind.UNSAFE_INPUT, message, hint);
  }

  /** A resumable upload's declaration or chunk of {@code size} bytes over {@code limit}. */
  public TooLarge(long size, long limit) {
    this(
        size + " bytes refused: the limit is " + limit + " bytes",
        "raise the server's --max-upload / --max-chunk, or send smaller chunks");
  }
}
