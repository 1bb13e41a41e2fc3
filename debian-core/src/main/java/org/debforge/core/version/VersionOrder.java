package org.debforge.core.version;

import java.nio.charset.StandardCharsets;

/**
 * dpkg's version order (lib/dpkg/version.c {@code verrevcmp}) over ranges of strings, so that
 * comparing two version strings allocates nothing.
 *
 * <p>dpkg compares bytes: a non-ASCII character counts as its UTF-8 bytes, each sorting after the
 * letters and before ASCII punctuation ({@code order()} on a signed char). {@link #byteKey} turns
 * such a string into one char per byte so the same loop serves both.
 */
final class VersionOrder {
  // Positions of a located version are packed into one long: 21 bits each.
  private static final int BITS = 21;
  private static final long MASK = (1L << BITS) - 1;
  private static final int MAX_PACKED = (int) MASK;
  private static final long NON_ASCII = 1L << 63;

  private VersionOrder() {}

  static int compareStrings(String a, String b) {
    long la = locate(a);
    long lb = locate(b);
    if (((la | lb) & NON_ASCII) != 0 || la == -1 || lb == -1) {
      return compareSlow(a, b);
    }
    int ea = epochOf(a, la);
    int eb = epochOf(b, lb);
    if (ea != eb) {
      return ea > eb ? 1 : -1;
    }
    int aUp = (int) (la & MASK);
    int aHy = (int) ((la >>> BITS) & MASK);
    int aEnd = (int) ((la >>> (2 * BITS)) & MASK);
    int bUp = (int) (lb & MASK);
    int bHy = (int) ((lb >>> BITS) & MASK);
    int bEnd = (int) ((lb >>> (2 * BITS)) & MASK);
    int r = verrevcmp(a, aUp, aHy, b, bUp, bHy);
    if (r != 0) {
      return r;
    }
    return verrevcmp(a, Math.min(aHy + 1, aEnd), aEnd, b, Math.min(bHy + 1, bEnd), bEnd);
  }

  /**
   * Finds upstream start, upstream end (the revision's hyphen, or the end) and the end of a
   * version, checking what makes dpkg refuse it. Bit 63 marks non-ASCII text; -1 means too long to
   * pack.
   */
  private static long locate(String s) {
    int n = s.length();
    if (n >= MAX_PACKED) {
      return -1;
    }
    int start = 0;
    while (start < n && VersionSyntax.isBlank(s.charAt(start))) {
      start++;
    }
    int end = n;
    while (end > start && VersionSyntax.isBlank(s.charAt(end - 1))) {
      end--;
    }
    int colon = -1;
    int hyphen = -1;
    char any = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      any |= c;
      if (c == '-') {
        hyphen = i;
      } else if (c == ':') {
        if (colon < 0) {
          colon = i;
        }
      } else if (c == ' ' || c == '\t' || c == '\0') {
        throw problem(s);
      }
    }
    if (start == end) {
      throw problem(s);
    }
    int upStart = start;
    if (colon >= 0) {
      if (VersionSyntax.epochProblem(s, start, colon) != null) {
        throw problem(s);
      }
      upStart = colon + 1;
    }
    if (hyphen < upStart) {
      hyphen = end;
    } else if (hyphen == end - 1) {
      throw problem(s);
    }
    if (hyphen == upStart) {
      throw problem(s);
    }
    long packed = upStart | ((long) hyphen << BITS) | ((long) end << (2 * BITS));
    return any >= 0x80 ? packed | NON_ASCII : packed;
  }

  private static RuntimeException problem(String s) {
    VersionSyntax.Problem p = VersionSyntax.check(s, false);
    return DebianVersion.invalid(s, p == null ? "not a version" : p.message());
  }

  private static int epochOf(String s, long located) {
    int upStart = (int) (located & MASK);
    if (upStart == 0 || s.charAt(upStart - 1) != ':') {
      return 0;
    }
    return (int) VersionSyntax.epoch(s, 0, upStart - 1);
  }

  private static int compareSlow(String a, String b) {
    return DebianVersion.parseLenient(a).compareTo(DebianVersion.parseLenient(b));
  }

  /** The string dpkg compares: {@code s} itself if ASCII, else its UTF-8 bytes one per char. */
  static String byteKey(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      }
    }
    return s;
  }

  /** dpkg's {@code order()}: '~' first, then the end and digits, letters, other bytes, ASCII. */
  private static int order(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    // Bytes >= 0x80 are negative signed chars in dpkg: order is c + 256, i.e. the byte itself.
    return c < 0x80 ? c + 256 : c;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** dpkg's {@code verrevcmp} on {@code a[ai, ae)} and {@code b[bi, be)}. */
  static int verrevcmp(String a, int ai, int ae, String b, int bi, int be) {
    while (ai < ae || bi < be) {
      // The non-digit prefixes, character by character; the end of a string orders as 0.
      while (true) {
        char ca = ai < ae ? a.charAt(ai) : 0;
        char cb = bi < be ? b.charAt(bi) : 0;
        boolean da = ai >= ae || isDigit(ca);
        boolean db = bi >= be || isDigit(cb);
        if (da && db) {
          break;
        }
        int oa = da ? 0 : order(ca);
        int ob = db ? 0 : order(cb);
        if (oa != ob) {
          return oa - ob;
        }
        ai++;
        bi++;
      }
      // The digit runs, numerically: skip leading zeros, then a longer run is larger, else the
      // first differing digit decides. No overflow, however long the run.
      while (ai < ae && a.charAt(ai) == '0') {
        ai++;
      }
      while (bi < be && b.charAt(bi) == '0') {
        bi++;
      }
      int firstDiff = 0;
      while (ai < ae && bi < be) {
        char ca = a.charAt(ai);
        char cb = b.charAt(bi);
        if (!isDigit(ca) || !isDigit(cb)) {
          break;
        }
        if (firstDiff == 0) {
          firstDiff = ca - cb;
        }
        ai++;
        bi++;
      }
      if (ai < ae && isDigit(a.charAt(ai))) {
        return 1;
      }
      if (bi < be && isDigit(b.charAt(bi))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }
}
