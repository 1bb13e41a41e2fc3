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
    List<Paragraph> out = new ArrayList<>();
    forEach(readBytes(file), file.toString(), options, out::add);
    return out;
  }

  /** Reads exactly one paragraph, as in a .dsc, .changes or .buildinfo. */
  public static Paragraph readOne(Path file) {
    return one(read(file, Options.STRICT), file.toString());
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, file + ": no such file", "check the path", e);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }

  /**
   * Parses UTF-8 bytes, the fast path for large indexes: the bytes are validated as UTF-8 and
   * scanned through a Latin-1 view (one byte per char, so offsets are byte offsets), and only the
   * values a caller reads are decoded. Invalid UTF-8 is an error located at its line.
   */
  public static void forEach(
      byte[] data, String source, Options options, Consumer<Paragraph> sink) {
    int bad = Utf8.firstInvalid(data);
    if (bad >= 0) {
      throw notUtf8(source, data, bad);
    }
    String latin1 = new String(data, StandardCharsets.ISO_8859_1);
    if (Utf8.isAscii(data, 0, data.length)) {
      scan(latin1, null, source, options, sink);
    } else if (Clearsigned.isClearsigned(latin1)) {
      // Rare and small (.dsc, InRelease): unwrap on real text.
      forEach(new String(data, StandardCharsets.UTF_8), source, options, sink);
    } else {
      scan(latin1, data, source, options, sink);
    }
  }

  /**
   * The file as text. Invalid UTF-8 is an error located at its line: Policy §5.1 requires UTF-8,
   * and silently replacing bytes would corrupt names and checksummed values.
   */
  public static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw notUtf8(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, file + ": no such file", "check the path", e);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }

  private static FormatException notUtf8(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return notUtf8(file.toString(), bytes, Math.max(0, Utf8.firstInvalid(bytes)));
    } catch (IOException e) {
      return notUtf8(file.toString(), new byte[0], 0);
    }
  }

  private static FormatException notUtf8(String source, byte[] bytes, int at) {
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return new FormatException(
        source,
        line,
        null,
        "not valid UTF-8",
        "deb822 files must be UTF-8 encoded; convert with iconv -f latin1 -t utf-8");
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
    return one(parse(text, source, Options.STRICT), source);
  }

  private static Paragraph one(List<Paragraph> all, String source) {
    if (all.size() > 1) {
      throw new FormatException(
          source,
          all.get(1).line(),
          null,
          "expected one paragraph, found " + all.size(),
          "this file holds a single paragraph; remove the blank line that splits it");
    }
    if (all.isEmpty()) {
      throw new FormatException(
          source, 0, null, "no paragraph found", "the file is empty or holds only blank lines");
    }
    return all.get(0);
  }

  /**
   * Streams paragraphs to {@code sink} without keeping them, for indexes too large to hold twice.
   *
   * <p>Follows Policy §5.1 and dpkg: lines consisting only of spaces and tabs separate paragraphs
   * (as in Dpkg::Control::HashCore), trailing whitespace and a CR before the newline are dropped,
   * spaces before the colon are tolerated (dpkg accepts {@code "Name : value"}), duplicate fields,
   * NUL bytes and {@code #} lines outside debian/control are errors.
   */
  public static void forEach(
      String text, String source, Options options, Consumer<Paragraph> sink) {
    scan(text, null, source, options, sink);
  }

  /**
   * The scanner. {@code raw} is null when {@code text} is the real text; else {@code text} is the
   * Latin-1 view of the UTF-8 bytes {@code raw}, and values are decoded from {@code raw}.
   */
  private static void scan(
      String text, byte[] raw, String source, Options options, Consumer<Paragraph> sink) {
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new FormatException(
          source,
          lineOf(text, nul),
          null,
          "NUL byte in text",
          "deb822 files are text; is this a compressed or binary file?");
    }
    int start = 0;
    int lineNo = 1;
    if (raw == null && Clearsigned.isClearsigned(text)) {
      Unwrapped body = unwrapClearsigned(text, source);
      text = body.text();
      lineNo = body.firstLine();
    }
    final int end = text.length();
    boolean comments = options.allowComments();
    Paragraph current = null;
    // The field being read: offsets into text, so values are cut out only when asked for.
    int nameStart = -1;
    int nameEnd = 0;
    int nameLine = 0;
    int valueStart = 0;
    int valueEnd = 0;
    boolean dirty = false;
    boolean lastLineTrimmed = false;
    while (start < end) {
      int nl = text.indexOf('\n', start);
      int lineEnd = nl < 0 ? end : nl;
      int trimmed = lineEnd;
      while (trimmed > start && isBlank(text.charAt(trimmed - 1))) {
        trimmed--;
      }
      char c = trimmed > start ? text.charAt(start) : '\n';
      if (c == '\n' || (c == ' ' || c == '\t') && onlyBlank(text, start, trimmed)) {
        // Blank (or whitespace-only) line: ends the paragraph.
        if (current != null) {
          current.appendSpan(nameStart, nameEnd, valueStart, valueEnd, nameLine, dirty);
          sink.accept(current);
          current = null;
          nameStart = -1;
        }
      } else if (c == ' ' || c == '\t') {
        if (nameStart < 0) {
          throw new FormatException(
              source,
              lineNo,
              null,
              "continuation line outside a field",
              "a line starting with a space continues the field above it; this one has none");
        }
        // Whitespace trimmed off the previous line would sit inside the span: rebuild on read.
        dirty |= lastLineTrimmed;
        valueEnd = trimmed;
      } else if (c == '#') {
        // Comment line: dpkg-source drops these in debian/control, even between continuations.
        if (!comments) {
          throw new FormatException(
              source,
              lineNo,
              null,
              "comment line",
              "'#' comments are allowed only in debian/control; remove the line");
        }
        dirty = true;
      } else {
        int colon = indexOf(text, ':', start, trimmed);
        int ne = colon;
        while (ne > start && isBlank(text.charAt(ne - 1))) {
          ne--;
        }
        if (colon < 0 || ne == start) {
          throw new FormatException(
              source,
              lineNo,
              null,
              colon < 0
                  ? "expected 'Field: value', got '" + abbreviate(text, start, trimmed) + "'"
                  : "empty field name",
              c == '-' && text.startsWith("-----BEGIN PGP", start)
                  ? "OpenPGP armor is only allowed around the whole file"
                  : "each line is a field, a continuation starting with a space, or blank");
        }
        if (current == null) {
          current = new Paragraph(source, lineNo, text, raw);
        } else {
          current.appendSpan(nameStart, nameEnd, valueStart, valueEnd, nameLine, dirty);
        }
        checkName(text, start, ne, source, lineNo);
        int dup = current.indexOfSpanName(start, ne);
        if (dup >= 0) {
          throw new FormatException(
              source,
              lineNo,
              text.substring(start, ne),
              "duplicate field (first at line " + current.lineAt(dup) + ")",
              "a paragraph holds each field once");
        }
        nameStart = start;
        nameEnd = ne;
        nameLine = lineNo;
        int v = colon + 1;
        while (v < trimmed && isBlank(text.charAt(v))) {
          v++;
        }
        valueStart = v;
        valueEnd = trimmed;
        dirty = false;
      }
      lastLineTrimmed = trimmed != lineEnd;
      lineNo++;
      start = lineEnd + 1;
    }
    if (current != null) {
      current.appendSpan(nameStart, nameEnd, valueStart, valueEnd, nameLine, dirty);
      sink.accept(current);
    }
  }

  static int indexOf(String s, char c, int from, int to) {
    int i = s.indexOf(c, from);
    return i < to ? i : -1;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  static boolean onlyBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isBlank(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** 1-based line number of a char offset. */
  static int lineOf(CharSequence s, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (s.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static void checkName(String text, int from, int to, String source, int line) {
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (ch <= ' ' || ch > '~') {
        throw new FormatException(
            source,
            line,
            null,
            "invalid field name '" + abbreviate(text, from, to) + "'",
            "field names are printable ASCII without spaces, followed by ':'");
      }
    }
    if (text.charAt(from) == '-') {
      throw new FormatException(
          source,
          line,
          null,
          "field name starts with '-'",
          "is this a stray OpenPGP armor line, or an unescaped line of a signed file?");
    }
  }

  /** A short excerpt for error messages, without copying a possibly huge line first. */
  static String abbreviate(String s, int from, int to) {
    return to - from <= 60 ? s.substring(from, to) : s.substring(from, from + 57) + "...";
  }

  /** The signed text of a clearsigned message, with its 1-based starting line. */
  public record Unwrapped(String text, int firstLine) {}

  /**
   * Extracts the signed text of an OpenPGP clearsigned message (RFC 4880 §7) without verifying it;
   * see {@link Clearsigned#unwrap}. Verification lives in {@code org.debforge.core.pgp}.
   */
  public static Unwrapped unwrapClearsigned(String text, String source) {
    return Clearsigned.unwrap(text, source);
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
   * Only the whitespace the parser drops (spaces, tabs, CR at line ends) is trimmed, so a parsed
   * canonical file is written back byte for byte.
   */
  static void writeField(String name, String value, StringBuilder out) {
    if (value.indexOf('\r') >= 0) {
      // Tools that split lines on CR (Python's splitlines) would see a new field after it.
      value = value.replace("\r\n", "\n").replace('\r', '\n');
    }
    out.append(name).append(':');
    int len = value.length();
    int nl = value.indexOf('\n');
    int firstEnd = nl < 0 ? len : nl;
    int from = 0;
    while (from < firstEnd && isBlank(value.charAt(from))) {
      from++;
    }
    int to = trimEnd(value, from, firstEnd);
    if (to > from) {
      out.append(' ').append(value, from, to);
    }
    while (nl >= 0) {
      int next = value.indexOf('\n', nl + 1);
      int lineEnd = next < 0 ? len : next;
      int e = trimEnd(value, nl + 1, lineEnd);
      out.append('\n');
      if (onlyBlank(value, nl + 1, e) || e == nl + 1) {
        out.append(" .");
      } else {
        char c = value.charAt(nl + 1);
        if (c != ' ' && c != '\t') {
          out.append(' ');
        }
        out.append(value, nl + 1, e);
      }
      nl = next;
    }
    out.append('\n');
  }

  private static int trimEnd(String s, int from, int to) {
    while (to > from && isBlank(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }
}
