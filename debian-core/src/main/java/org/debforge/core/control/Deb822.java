package org.debforge.core.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;

/**
 * Reads and writes deb822 text (Debian Policy §5.1): paragraphs of {@code Name: value} fields,
 * continuation lines starting with a space or tab, paragraphs separated by blank lines.
 *
 * <p>The parser is a hand-written scanner over one string rather than regexes or a Reader: APT
 * indexes run to tens of megabytes and this is the hottest loop in the suite.
 */
public final class Deb822 {
  private static final String PGP_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----";
  private static final String PGP_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";

  /** How permissive to be; the defaults suit APT indexes, .dsc and .changes. */
  public record Options(boolean allowComments) {
    public static final Options STRICT = new Options(false);

    /** {@code debian/control} and other files dpkg-source reads allow {@code #} comment lines. */
    public static final Options CONTROL_FILE = new Options(true);
  }

  private Deb822() {}

  /** Parses every paragraph of a file; a clearsigned file is unwrapped (not verified). */
  public static List<Paragraph> read(Path file) {
    return read(file, Options.STRICT);
  }

  public static List<Paragraph> read(Path file, Options options) {
    return parse(readText(file), file.toString(), options);
  }

  /** Reads exactly one paragraph, as in a .dsc, .changes or .buildinfo. */
  public static Paragraph readOne(Path file) {
    return parseOne(readText(file), file.toString());
  }

  static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new FormatException(
          file.toString(), 0, null, "not valid UTF-8", "deb822 files must be UTF-8 encoded");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DebforgeException(ErrorKind.NOT_FOUND, file + ": no such file");
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }

  public static List<Paragraph> parse(String text, String source) {
    return parse(text, source, Options.STRICT);
  }

  public static List<Paragraph> parse(String text, String source, Options options) {
    List<Paragraph> out = new ArrayList<>();
    forEach(text, source, options, out::add);
    return out;
  }

  /** Parses text that must hold exactly one paragraph. */
  public static Paragraph parseOne(String text, String source) {
    List<Paragraph> all = parse(text, source, Options.STRICT);
    if (all.size() != 1) {
      int line = all.isEmpty() ? 0 : all.get(1).line();
      throw new FormatException(
          source,
          line,
          null,
          all.isEmpty() ? "no paragraph found" : "expected one paragraph, found " + all.size(),
          all.isEmpty()
              ? "the file is empty or holds only comments"
              : "remove the blank line that splits the paragraph");
    }
    return all.get(0);
  }

  /**
   * Streams paragraphs to {@code sink} without keeping them, for indexes too large to hold twice.
   */
  public static void forEach(
      String text, String source, Options options, Consumer<Paragraph> sink) {
    int start = 0;
    int lineNo = 1;
    int end = text.length();
    if (text.startsWith(PGP_SIGNED)) {
      Unwrapped body = unwrapClearsigned(text, source);
      text = body.text();
      lineNo = body.firstLine();
      end = text.length();
    }
    Paragraph current = null;
    String name = null;
    int nameLine = 0;
    StringBuilder value = null;
    String firstValue = null;
    while (start < end) {
      int nl = text.indexOf('\n', start);
      int lineEnd = nl < 0 ? end : nl;
      int trimmed = lineEnd;
      while (trimmed > start && isBlank(text.charAt(trimmed - 1))) {
        trimmed--;
      }
      char c = trimmed > start ? text.charAt(start) : '\n';
      if (trimmed == start || (c == ' ' || c == '\t') && onlyBlank(text, start, trimmed)) {
        // Blank line: ends the paragraph.
        if (current != null) {
          current.append(new Field(name, valueOf(firstValue, value), nameLine));
          sink.accept(current);
          current = null;
          name = null;
        }
      } else if (c == ' ' || c == '\t') {
        if (name == null) {
          throw new FormatException(
              source,
              lineNo,
              null,
              "continuation line outside a field",
              "a line starting with a space continues the field above it; this one has none");
        }
        if (value == null) {
          value = new StringBuilder(firstValue.length() + 64).append(firstValue);
        }
        value.append('\n').append(text, start, trimmed);
      } else if (c == '#' && options.allowComments()) {
        // Comment line: dpkg-source drops these, so do we.
      } else {
        int colon = text.indexOf(':', start);
        if (colon < 0 || colon >= trimmed || colon == start) {
          throw new FormatException(
              source,
              lineNo,
              null,
              "expected 'Field: value', got '" + abbreviate(text.substring(start, trimmed)) + "'",
              c == '-' && text.startsWith("-----BEGIN PGP", start)
                  ? "the OpenPGP armor is malformed"
                  : "each line is a field, a continuation starting with a space, or blank");
        }
        if (current == null) {
          current = new Paragraph(source, lineNo);
        } else {
          current.append(new Field(name, valueOf(firstValue, value), nameLine));
        }
        name = text.substring(start, colon);
        checkName(name, source, lineNo);
        if (current.has(name)) {
          throw new FormatException(
              source,
              lineNo,
              name,
              "duplicate field (first at line " + current.field(name).get().line() + ")",
              "a paragraph holds each field once");
        }
        nameLine = lineNo;
        int v = colon + 1;
        while (v < trimmed && isBlank(text.charAt(v))) {
          v++;
        }
        firstValue = text.substring(v, trimmed);
        value = null;
      }
      lineNo++;
      start = lineEnd + 1;
    }
    if (current != null) {
      current.append(new Field(name, valueOf(firstValue, value), nameLine));
      sink.accept(current);
    }
  }

  private static String valueOf(String first, StringBuilder rest) {
    return rest == null ? first : rest.toString();
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  private static boolean onlyBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isBlank(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static void checkName(String name, String source, int line) {
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch <= ' ' || ch > '~') {
        throw new FormatException(
            source,
            line,
            null,
            "invalid field name '" + abbreviate(name) + "'",
            "field names are printable ASCII without spaces, followed by ':'");
      }
    }
    if (name.charAt(0) == '-') {
      throw new FormatException(
          source, line, null, "field name starts with '-'", "is this an unsigned PGP armor line?");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** The signed text of a clearsigned message, with its 1-based starting line. */
  public record Unwrapped(String text, int firstLine) {}

  /**
   * Extracts the signed text of an OpenPGP clearsigned message (RFC 4880 §7) without verifying it:
   * skips the armor headers, undoes dash-escaping, stops at the signature. Verification lives in
   * {@code org.debforge.core.pgp}.
   */
  public static Unwrapped unwrapClearsigned(String text, String source) {
    String[] lines = text.split("\n", -1);
    int i = 1;
    while (i < lines.length && !lines[i].strip().isEmpty()) {
      i++; // "Hash: SHA512" armor headers
    }
    if (i >= lines.length) {
      throw new FormatException(
          source, 1, null, "truncated OpenPGP armor: no blank line after the headers", null);
    }
    int first = i + 2;
    StringBuilder body = new StringBuilder(text.length());
    for (i++; i < lines.length; i++) {
      String line = lines[i];
      if (line.stripTrailing().equals(PGP_SIGNATURE)) {
        return new Unwrapped(body.toString(), first);
      }
      body.append(line.startsWith("- ") ? line.substring(2) : line).append('\n');
    }
    throw new FormatException(
        source,
        lines.length,
        null,
        "truncated OpenPGP clearsigned message: no '" + PGP_SIGNATURE + "'",
        "the file was cut short; fetch it again");
  }

  /** Appends a paragraph as deb822 text, without a trailing blank line. */
  public static void write(Paragraph paragraph, StringBuilder out) {
    for (Field f : paragraph) {
      writeField(f.name(), f.value(), out);
    }
  }

  /** The paragraphs as deb822 text, separated by blank lines. */
  public static String write(List<Paragraph> paragraphs) {
    StringBuilder sb = new StringBuilder(paragraphs.size() * 512);
    for (int i = 0; i < paragraphs.size(); i++) {
      if (i > 0) {
        sb.append('\n');
      }
      write(paragraphs.get(i), sb);
    }
    return sb.toString();
  }

  /**
   * Writes one field. Continuation lines that lost their leading space get one back and empty lines
   * become {@code " ."}, so no value, however built, can inject a field or split the paragraph.
   */
  static void writeField(String name, String value, StringBuilder out) {
    out.append(name).append(':');
    int nl = value.indexOf('\n');
    String first = nl < 0 ? value : value.substring(0, nl);
    if (!first.isEmpty()) {
      out.append(' ').append(first.strip());
    }
    while (nl >= 0) {
      int next = value.indexOf('\n', nl + 1);
      String line = next < 0 ? value.substring(nl + 1) : value.substring(nl + 1, next);
      out.append('\n');
      line = line.stripTrailing();
      if (line.isBlank()) {
        out.append(" .");
      } else {
        char c = line.charAt(0);
        if (c != ' ' && c != '\t') {
          out.append(' ');
        }
        out.append(line);
      }
      nl = next;
    }
    out.append('\n');
  }
}
