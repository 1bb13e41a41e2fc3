package org.debforge.core.control;

import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;

/**
 * Unwrapping of OpenPGP clearsigned control files (.dsc, .changes, InRelease) for parsing. This
 * reads the signed text only; {@code org.debforge.core.pgp} verifies signatures.
 */
final class Clearsigned {
  static final String PGP_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----";
  static final String PGP_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";

  private Clearsigned() {}

  static boolean isClearsigned(String text) {
    int at = firstContentLine(text);
    return at >= 0 && isLine(text, at, PGP_SIGNED);
  }

  /** Offset of the first line that is not blank, or -1. */
  private static int firstContentLine(String text) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      int nl = text.indexOf('\n', i);
      int e = nl < 0 ? n : nl;
      if (!Deb822.onlyBlank(text, i, e)) {
        return i;
      }
      if (nl < 0) {
        break;
      }
      i = nl + 1;
    }
    return -1;
  }

  /** Whether the line at {@code at} is {@code marker}, ignoring trailing spaces, tabs and CR. */
  private static boolean isLine(String text, int at, String marker) {
    if (!text.startsWith(marker, at)) {
      return false;
    }
    int nl = text.indexOf('\n', at);
    return Deb822.onlyBlank(text, at + marker.length(), nl < 0 ? text.length() : nl);
  }

  /**
   * Extracts the signed text of an OpenPGP clearsigned message (RFC 4880 §7) without verifying it:
   * skips leading blank lines and the armor headers, undoes dash-escaping ({@code "- "}), stops at
   * the signature, and requires the signature block to be complete with nothing after it: data
   * outside the signed part would be read by no verifier and must not be trusted. Verification
   * lives in {@code org.debforge.core.pgp}.
   */
  static Deb822.Unwrapped unwrap(String text, String source) {
    int n = text.length();
    int pos = firstContentLine(text);
    if (pos < 0 || !isLine(text, pos, PGP_SIGNED)) {
      throw new FormatException(
          source, 1, null, "not an OpenPGP clearsigned message", "expected '" + PGP_SIGNED + "'");
    }
    int lineNo = Deb822.lineOf(text, pos);
    pos = nextLine(text, pos);
    lineNo++;
    // Armor headers ("Hash: SHA512") up to the first blank line.
    while (pos < n) {
      int e = lineEnd(text, pos);
      if (Deb822.onlyBlank(text, pos, e)) {
        break;
      }
      if (Deb822.indexOf(text, ':', pos, e) < 0) {
        throw new FormatException(
            source,
            lineNo,
            null,
            "malformed OpenPGP armor header '" + Deb822.abbreviate(text, pos, e) + "'",
            "armor headers look like 'Hash: SHA256' and end with a blank line");
      }
      pos = nextLine(text, pos);
      lineNo++;
    }
    if (pos >= n) {
      throw new FormatException(
          source,
          lineNo,
          null,
          "truncated OpenPGP armor: no blank line after the headers",
          "the file was cut short; fetch it again");
    }
    pos = nextLine(text, pos);
    lineNo++;
    int first = lineNo;
    StringBuilder body = new StringBuilder(n);
    while (pos < n) {
      int e = lineEnd(text, pos);
      if (isLine(text, pos, PGP_SIGNATURE)) {
        requireSignatureEnd(text, nextLine(text, pos), lineNo + 1, source);
        return new Deb822.Unwrapped(body.toString(), first);
      }
      if (text.startsWith("- ", pos)) {
        body.append(text, pos + 2, e);
      } else if (text.charAt(pos) == '-') {
        throw new FormatException(
            source,
            lineNo,
            null,
            "line starting with '-' is not dash-escaped",
            "in a clearsigned message such lines start with '- ' (RFC 4880 §7.1)");
      } else {
        body.append(text, pos, e);
      }
      body.append('\n');
      pos = nextLine(text, pos);
      lineNo++;
    }
    throw new FormatException(
        source,
        lineNo,
        null,
        "truncated OpenPGP clearsigned message: no '" + PGP_SIGNATURE + "'",
        "the file was cut short; fetch it again");
  }

  private static void requireSignatureEnd(String text, int pos, int lineNo, String source) {
    int n = text.length();
    while (pos < n && !isLine(text, pos, "-----END PGP SIGNATURE-----")) {
      pos = nextLine(text, pos);
      lineNo++;
    }
    if (pos >= n) {
      throw new FormatException(
          source,
          lineNo,
          null,
          "unfinished OpenPGP signature: no '-----END PGP SIGNATURE-----'",
          "the file was cut short; fetch it again");
    }
    for (pos = nextLine(text, pos), lineNo++; pos < n; pos = nextLine(text, pos), lineNo++) {
      if (!Deb822.onlyBlank(text, pos, lineEnd(text, pos))) {
        throw new FormatException(
            ErrorKind.UNSAFE_INPUT,
            source,
            lineNo,
            null,
            "data after the OpenPGP signature",
            "only the signed part of a clearsigned file can be trusted; remove the trailing text",
            null);
      }
    }
  }

  private static int lineEnd(String text, int pos) {
    int nl = text.indexOf('\n', pos);
    return nl < 0 ? text.length() : nl;
  }

  private static int nextLine(String text, int pos) {
    int nl = text.indexOf('\n', pos);
    return nl < 0 ? text.length() : nl + 1;
  }
}
