package org.debforge.core;

import java.util.Optional;

/**
 * The one engine exception. Subclasses add context (file, line, field); every one carries an {@link
 * ErrorKind} that hosts map to exit codes or HTTP statuses, and an optional hint telling the user
 * what to do about it.
 */
public class DebforgeException extends RuntimeException {
  private final ErrorKind kind;
  private final String hint;

  public DebforgeException(ErrorKind kind, String message) {
    this(kind, message, null, null);
  }

  public DebforgeException(ErrorKind kind, String message, String hint) {
    this(kind, message, hint, null);
  }

  public DebforgeException(ErrorKind kind, String message, String hint, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.hint = hint;
  }

  public ErrorKind kind() {
    return kind;
  }

  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }
}
