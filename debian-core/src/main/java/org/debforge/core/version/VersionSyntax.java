package org.debforge.core.version;

/**
 * dpkg's version syntax (lib/dpkg/parsehelp.c {@code parseversion}), with its two severities:
 * errors make the string no version at all, warnings are what {@code dpkg --compare-versions} still
 * accepts. The messages are dpkg's own.
 */
final class VersionSyntax {
  record Problem(String message, boolean fatal) {}

  private VersionSyntax() {}

  /** dpkg's {@code c_isblank}: the only whitespace it trims and refuses inside a version. */
  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** What {@code strtol} skips before a number. */
  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * The first problem with {@code text}, or null. With {@code strict}, dpkg's warnings and what
   * Dpkg::Version refuses (surrounding spaces, a signed or spaced epoch) are problems too, fatal.
   */
  static Problem check(String text, boolean strict) {
    int n = text.length();
    int start = 0;
    while (start < n && isBlank(text.charAt(start))) {
      start++;
    }
    if (start == n) {
      return new Problem("version string is empty", true);
    }
    int end = n;
    while (isBlank(text.charAt(end - 1))) {
      end--;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (isBlank(c)) {
        return new Problem("version string has embedded spaces", true);
      }
      if (c == '\0') {
        return new Problem("version string has a NUL character", true);
      }
    }
    if (strict && (start > 0 || end < n)) {
      return new Problem("version string has surrounding spaces", true);
    }
    int colon = text.indexOf(':', start);
    int upStart = start;
    if (colon >= 0) {
      String epochProblem = epochProblem(text, start, colon);
      if (epochProblem != null) {
        return new Problem(epochProblem, true);
      }
      if (strict) {
        for (int i = start; i < colon; i++) {
          if (!isDigit(text.charAt(i))) {
            return new Problem("epoch in version is not number", true);
          }
        }
      }
      upStart = colon + 1;
      if (upStart == end) {
        return new Problem("nothing after colon in version number", true);
      }
    }
    int hyphen = text.lastIndexOf('-', end - 1);
    int upEnd = end;
    if (hyphen >= upStart) {
      if (hyphen == end - 1) {
        return new Problem("revision number is empty", true);
      }
      upEnd = hyphen;
    } else {
      hyphen = -1;
    }
    if (upEnd == upStart) {
      return new Problem("upstream version is empty", true);
    }
    // From here on dpkg only warns.
    Problem warning = null;
    if (!isDigit(text.charAt(upStart))) {
      warning = new Problem("version number does not start with digit", strict);
    } else {
      for (int i = upStart + 1; i < upEnd; i++) {
        char c = text.charAt(i);
        if (!isDigit(c) && !isAlpha(c) && ".-+~:".indexOf(c) < 0) {
          warning = new Problem("invalid character in version number", strict);
          break;
        }
      }
      if (warning == null && hyphen >= 0) {
        for (int i = hyphen + 1; i < end; i++) {
          char c = text.charAt(i);
          if (!isDigit(c) && !isAlpha(c) && ".+~".indexOf(c) < 0) {
            warning = new Problem("invalid character in revision number", strict);
            break;
          }
        }
      }
    }
    return warning;
  }

  /** dpkg's epoch checks, which parse with {@code strtol}: spaces and a sign are allowed. */
  static String epochProblem(String text, int start, int colon) {
    int i = start;
    while (i < colon && isSpace(text.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < colon && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    int digits = i;
    long value = 0;
    boolean overflow = false;
    while (i < colon && isDigit(text.charAt(i))) {
      if (value > (Long.MAX_VALUE - 9) / 10) {
        overflow = true;
      } else {
        value = value * 10 + (text.charAt(i) - '0');
      }
      i++;
    }
    if (i == digits) {
      // strtol converted nothing: its end pointer is the start of the string.
      return "epoch in version is empty";
    }
    if (i != colon) {
      return "epoch in version is not number";
    }
    if (negative && (value != 0 || overflow)) {
      return "epoch in version is negative";
    }
    if (overflow || value > Integer.MAX_VALUE) {
      return "epoch in version is too big";
    }
    return null;
  }

  /** The epoch of a version {@link #check} accepted. */
  static long epoch(String text, int start, int colon) {
    long value = 0;
    for (int i = start; i < colon; i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        value = value * 10 + (c - '0');
      }
    }
    return value;
  }
}
