package org.debforge.compose.blueprint;

import java.nio.file.Path;
import java.util.Optional;
import org.debforge.core.ErrorKind;

/**
 * One thing wrong with a blueprint, where it is and what would fix it.
 *
 * @param file the blueprint file (the top one or an include) the problem is in
 * @param line 1-based line, 0 when the problem is about the file as a whole
 * @param column 1-based column, 0 when unknown
 * @param key the key path from the document's top ({@code sources[1].keyring}), empty for the
 *     document itself
 * @param message what is wrong
 * @param hint what is allowed or what to do, or null
 * @param kind {@link ErrorKind#CONFIG}, or {@link ErrorKind#UNSAFE_INPUT} for input refused on
 *     purpose (oversized, alias bombs, not a regular file)
 */
public record Problem(
    Path file, int line, int column, String key, String message, String hint, ErrorKind kind) {

  public Optional<String> hintText() {
    return Optional.ofNullable(hint);
  }

  /** {@code FILE:LINE:COLUMN: error: KEY: MESSAGE}, the compiler-style line editors jump to. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file.toString());
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    sb.append(": error: ");
    if (!key.isEmpty()) {
      sb.append(key).append(": ");
    }
    return sb.append(message).toString();
  }
}
