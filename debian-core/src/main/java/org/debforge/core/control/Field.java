package org.debforge.core.control;

/**
 * One field of a deb822 paragraph, as written: the name with its original spelling, and the value
 * with leading whitespace of the first line removed and continuation lines kept verbatim (each
 * after a {@code '\n'}, still starting with its space or tab).
 *
 * @param line 1-based line where the field starts in its source, or 0 when built in code
 */
public record Field(String name, String value, int line) {
  public Field {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("field name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c == ':' || c > '~') {
        throw new IllegalArgumentException("invalid character in field name: " + name);
      }
    }
    if (name.charAt(0) == '#' || name.charAt(0) == '-') {
      throw new IllegalArgumentException("field name must not start with '#' or '-': " + name);
    }
    if (value == null) {
      throw new IllegalArgumentException("field value must not be null: " + name);
    }
  }

  public Field(String name, String value) {
    this(name, value, 0);
  }

  /** The first line of the value (the synopsis of a Description, empty for multiline lists). */
  public String firstLine() {
    int nl = value.indexOf('\n');
    return nl < 0 ? value : value.substring(0, nl);
  }

  /**
   * The value as the lines of a multiline field such as {@code Checksums-Sha256} or {@code Files}:
   * the continuation lines with their leading whitespace removed, skipping an empty first line.
   */
  public java.util.List<String> lines() {
    java.util.List<String> out = new java.util.ArrayList<>();
    String first = firstLine().strip();
    if (!first.isEmpty()) {
      out.add(first);
    }
    int pos = value.indexOf('\n');
    while (pos >= 0) {
      int next = value.indexOf('\n', pos + 1);
      String line = next < 0 ? value.substring(pos + 1) : value.substring(pos + 1, next);
      String stripped = line.strip();
      if (!stripped.isEmpty()) {
        out.add(stripped);
      }
      pos = next;
    }
    return out;
  }
}
