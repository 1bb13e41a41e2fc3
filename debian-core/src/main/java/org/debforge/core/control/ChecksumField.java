package org.debforge.core.control;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.debforge.core.FormatException;

/**
 * The file-list fields of Debian control files and how to read and write them. The same digest goes
 * by different field names in sources/uploads ({@code Checksums-Sha256}) and in Release files
 * ({@code SHA256}).
 */
public enum ChecksumField {
  MD5("MD5", "Files", "MD5Sum", 32),
  SHA1("SHA-1", "Checksums-Sha1", "SHA1", 40),
  SHA256("SHA-256", "Checksums-Sha256", "SHA256", 64),
  SHA512("SHA-512", "Checksums-Sha512", "SHA512", 128);

  private final String javaAlgorithm;
  private final String controlField;
  private final String releaseField;
  private final int hexLength;

  ChecksumField(String javaAlgorithm, String controlField, String releaseField, int hexLength) {
    this.javaAlgorithm = javaAlgorithm;
    this.controlField = controlField;
    this.releaseField = releaseField;
    this.hexLength = hexLength;
  }

  /** The name {@link java.security.MessageDigest} knows it by. */
  public String javaAlgorithm() {
    return javaAlgorithm;
  }

  /** The field in .dsc, .changes, .buildinfo and Sources: {@code Files}, {@code Checksums-*}. */
  public String controlField() {
    return controlField;
  }

  /** The field in Release files: {@code MD5Sum}, {@code SHA1}, {@code SHA256}, {@code SHA512}. */
  public String releaseField() {
    return releaseField;
  }

  public java.security.MessageDigest newDigest() {
    try {
      return java.security.MessageDigest.getInstance(javaAlgorithm);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hex digest of bytes, lower-case. */
  public String hex(byte[] data) {
    return HexFormat.of().formatHex(newDigest().digest(data));
  }

  /**
   * Parses a file list field of a paragraph: lines of {@code digest size name}; in a .changes
   * {@code Files} field, {@code digest size section priority name}. Returns an empty list when the
   * field is absent. File names are returned as written: callers that touch the filesystem must
   * refuse names with {@code /} (see {@link #requirePlainFileName}).
   */
  public List<FileChecksum> parse(Paragraph p, String fieldName) {
    List<FileChecksum> out = new ArrayList<>();
    Field field = p.field(fieldName).orElse(null);
    if (field == null) {
      return out;
    }
    int lineNo = field.line() - 1;
    for (String line : field.value().split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue; // the empty first line of a multiline list
      }
      String[] parts = line.trim().split("[ \t]+");
      if (parts.length != 3 && parts.length != 5) {
        throw new FormatException(
            p.source(),
            lineNo,
            fieldName,
            "expected 'digest size name', got '" + line + "'",
            "each line of a file list holds a checksum, a size in bytes and a file name");
      }
      String digest = parts[0].toLowerCase(java.util.Locale.ROOT);
      if (digest.length() != hexLength || !isHex(digest)) {
        throw new FormatException(
            p.source(),
            lineNo,
            fieldName,
            "'" + parts[0] + "' is not a " + javaAlgorithm + " digest",
            "expected " + hexLength + " hexadecimal digits");
      }
      long size;
      try {
        size = Long.parseLong(parts[1]);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 0) {
        throw new FormatException(
            p.source(),
            lineNo,
            fieldName,
            "'" + parts[1] + "' is not a file size",
            "the second column is the size in bytes");
      }
      out.add(
          parts.length == 5
              ? new FileChecksum(digest, size, parts[4], parts[2], parts[3])
              : new FileChecksum(digest, size, parts[2]));
    }
    return out;
  }

  /** Writes a file list field value (an empty first line, then one line per file). */
  public String format(List<FileChecksum> files) {
    StringBuilder sb = new StringBuilder();
    for (FileChecksum f : files) {
      sb.append("\n ").append(f.digest()).append(' ').append(f.size()).append(' ');
      if (f.section() != null && this == MD5) {
        sb.append(f.section()).append(' ').append(f.priority()).append(' ');
      }
      sb.append(f.name());
    }
    return sb.toString();
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The source line of the list entry naming {@code name}, else the field's line. */
  static int lineOf(Field field, String name) {
    String[] lines = field.value().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].stripTrailing().endsWith(" " + name)) {
        return field.line() + i;
      }
    }
    return field.line();
  }

  /**
   * Refuses a file name from a control file that could escape the directory it is resolved in:
   * absolute, containing {@code /} or {@code \}, {@code .} or {@code ..}, or control characters.
   */
  public static String requirePlainFileName(String name, Paragraph from, String fieldName) {
    boolean bad =
        name.isEmpty()
            || name.equals(".")
            || name.equals("..")
            || name.indexOf('/') >= 0
            || name.indexOf('\\') >= 0
            || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    if (bad) {
      throw new FormatException(
          org.debforge.core.ErrorKind.UNSAFE_INPUT,
          from.source(),
          from.field(fieldName).map(f -> lineOf(f, name)).orElse(from.line()),
          fieldName,
          "unsafe file name '" + name + "'",
          "file lists may only name files in the same directory",
          null);
    }
    return name;
  }
}
