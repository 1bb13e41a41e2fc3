package org.debforge.core.pgp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.debforge.core.FormatException;

/**
 * An OpenPGP cleartext signed message (RFC 4880 §7): armor headers, the dash-escaped text, and an
 * armored signature. Parsing is strict in the ways apt is: nothing may come before the first armor
 * line or after the signature, since text outside the signed part would be read by some consumers
 * and not by others.
 *
 * @param text the signed text, dash-escaping undone, each line ending in {@code \n}
 * @param hashes the values of the {@code Hash:} armor headers (e.g. {@code SHA512}), possibly none
 * @param signature the armored signature block, from its BEGIN to its END line
 */
public record ClearsignedMessage(String text, List<String> hashes, String signature) {
  static final String BEGIN_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----";
  static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

  public ClearsignedMessage {
    hashes = List.copyOf(hashes);
  }

  public static boolean isClearsigned(String text) {
    return text.startsWith(BEGIN_SIGNED);
  }

  public static ClearsignedMessage parse(String input, String source) {
    String[] lines = input.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].endsWith("\r")) {
        lines[i] = lines[i].substring(0, lines[i].length() - 1);
      }
    }
    if (!lines[0].equals(BEGIN_SIGNED)) {
      throw new FormatException(
          source,
          1,
          null,
          "not an OpenPGP clearsigned message: it must start with '" + BEGIN_SIGNED + "'",
          "apt refuses text before the armor; is this a plain Release file with a detached"
              + " Release.gpg?");
    }
    int i = 1;
    List<String> hashes = new ArrayList<>();
    for (; i < lines.length && !lines[i].isEmpty(); i++) {
      String h = lines[i];
      if (!h.startsWith("Hash: ")) {
        throw new FormatException(
            source,
            i + 1,
            null,
            "unexpected armor header '" + h + "'",
            "a clearsigned message has only 'Hash:' headers, then a blank line");
      }
      for (String name : h.substring(6).split(",")) {
        hashes.add(name.strip());
      }
    }
    if (i >= lines.length) {
      throw truncated(source, lines.length, "no blank line after the armor headers");
    }
    StringBuilder body = new StringBuilder(input.length());
    for (i++; i < lines.length; i++) {
      String line = lines[i];
      if (line.equals(BEGIN_SIGNATURE)) {
        break;
      }
      if (line.startsWith("- ")) {
        line = line.substring(2);
      } else if (line.startsWith("-")) {
        throw new FormatException(
            source,
            i + 1,
            null,
            "line starting with '-' is not dash-escaped",
            "in signed text such lines are written as '- -...'; the message was edited by hand");
      }
      body.append(line).append('\n');
    }
    if (i >= lines.length) {
      throw truncated(source, lines.length, "no '" + BEGIN_SIGNATURE + "' line");
    }
    int sigStart = i;
    for (; i < lines.length && !lines[i].equals(END_SIGNATURE); i++) {}
    if (i >= lines.length) {
      throw truncated(source, lines.length, "the signature has no '" + END_SIGNATURE + "' line");
    }
    for (int j = i + 1; j < lines.length; j++) {
      if (!lines[j].isBlank()) {
        throw new FormatException(
            source,
            j + 1,
            null,
            "text after the signature",
            "apt refuses clearsigned files with content outside the signed part");
      }
    }
    String signature =
        String.join("\n", java.util.Arrays.copyOfRange(lines, sigStart, i + 1)) + "\n";
    return new ClearsignedMessage(body.toString(), hashes, signature);
  }

  private static FormatException truncated(String source, int line, String detail) {
    return new FormatException(
        source,
        line,
        null,
        "truncated OpenPGP clearsigned message: " + detail,
        "the file was cut short; fetch or sign it again");
  }

  /**
   * The bytes the signature is computed over (RFC 4880 §7.1): lines without trailing spaces and
   * tabs, joined by CR LF, without the line ending before the signature.
   */
  public static byte[] canonical(String text) {
    List<String> lines = lines(text);
    StringBuilder sb = new StringBuilder(text.length() + lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        sb.append("\r\n");
      }
      sb.append(stripTrailing(lines.get(i)));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The text's lines; a final line ending does not start another line. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (text.endsWith("\n")) {
      out.remove(out.size() - 1);
    }
    out.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
    return out;
  }

  static String stripTrailing(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    return line.substring(0, end);
  }

  /**
   * Writes the message. Trailing whitespace is dropped from the text as well as from the hashed
   * form, so what a reader sees is exactly what was signed.
   */
  public static String format(String text, String hash, String signature) {
    StringBuilder sb = new StringBuilder(text.length() + signature.length() + 64);
    sb.append(BEGIN_SIGNED).append('\n').append("Hash: ").append(hash).append("\n\n");
    for (String line : lines(text)) {
      if (line.startsWith("-")) {
        sb.append("- ");
      }
      sb.append(stripTrailing(line)).append('\n');
    }
    return sb.append(signature).toString();
  }
}
