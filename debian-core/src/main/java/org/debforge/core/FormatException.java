package org.debforge.core;

import java.util.Optional;

/**
 * Malformed input, located as precisely as we can: {@code source:line: error: message}, in the
 * style of compilers and dpkg, so editors and CI logs can jump to it.
 */
public class FormatException extends DebforgeException {
  private final String source;
  private final int line;
  private final String field;
  private final String detail;

  /**
   * @param source file name or other description of the input ("stdin", a URL); may be null
   * @param line 1-based line number, or 0 when unknown
   * @param field the field concerned, or null
   * @param detail what is wrong, without location
   * @param hint what to do about it, or null
   */
  public FormatException(String source, int line, String field, String detail, String hint) {
    this(ErrorKind.INVALID_INPUT, source, line, field, detail, hint, null);
  }

  public FormatException(
      ErrorKind kind,
      String source,
      int line,
      String field,
      String detail,
      String hint,
      Throwable cause) {
    super(kind, format(source, line, field, detail), hint, cause);
    this.source = source;
    this.line = line;
    this.field = field;
    this.detail = detail;
  }

  private static String format(String source, int line, String field, String detail) {
    StringBuilder sb = new StringBuilder();
    if (source != null) {
      sb.append(source);
      if (line > 0) {
        sb.append(':').append(line);
      }
      sb.append(": ");
    }
    sb.append("error: ");
    if (field != null) {
      sb.append("field '").append(field).append("': ");
    }
    return sb.append(detail).toString();
  }

  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** The message without its location prefix. */
  public String detail() {
    return detail;
  }
}
