package org.debforge.ostree.sysroot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The subset of GLib's key-file syntax ostree's origin files use: {@code [group]} headers, {@code
 * key=value} lines, {@code #} comments, the escapes {@code \s \n \t \r \\} and {@code ;}-separated
 * lists with {@code \;} inside an item. Anything else (a line outside a group, a control character,
 * a bad escape) is refused with the line, since ostree would refuse the file too.
 */
final class KeyFile {
  private KeyFile() {}

  static Map<String, Map<String, String>> parse(String text, String file) {
    Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    Map<String, String> current = null;
    int n = 0;
    for (String raw : text.split("\n", -1)) {
      n++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c < 0x20 && c != '\t' || c == 0x7f) {
          throw new DebforgeException(
              ErrorKind.UNSAFE_INPUT,
              file + ":" + n + ": control character U+" + String.format("%04X", (int) c),
              "an origin file is plain text; restore it from another deployment's");
        }
      }
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (s.startsWith("[")) {
        if (!s.endsWith("]")
            || s.length() < 3
            || s.substring(1, s.length() - 1).matches(".*[\\[\\]].*")) {
          throw at(file, n, "'" + s + "' is not a [group] header");
        }
        current =
            groups.computeIfAbsent(s.substring(1, s.length() - 1), g -> new LinkedHashMap<>());
        continue;
      }
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw at(file, n, "'" + s + "' is not key=value");
      }
      if (current == null) {
        throw at(file, n, "key '" + s.substring(0, eq).strip() + "' before any [group]");
      }
      String key = s.substring(0, eq).strip();
      if (!key.matches("[A-Za-z0-9-]+")) {
        throw at(file, n, "'" + key + "' is not a key name (letters, digits, -)");
      }
      // GLib: the last of repeated keys wins.
      current.put(key, unescape(s.substring(eq + 1).stripLeading(), file, n));
    }
    return groups;
  }

  private static DebforgeException at(String file, int line, String what) {
    return new DebforgeException(
        ErrorKind.INVALID_INPUT,
        file + ":" + line + ": " + what,
        "origin files are GLib key files: [group] then key=value lines");
  }

  /** Unescapes all but {@code \;}, which stays escaped for {@link #list}. */
  private static String unescape(String v, String file, int line) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i + 1 == v.length()) {
        throw at(file, line, "value ends in a lone backslash");
      }
      char e = v.charAt(++i);
      switch (e) {
        case 's' -> sb.append(' ');
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '\\' -> sb.append("\\\\");
        case ';' -> sb.append("\\;");
        default -> throw at(file, line, "unknown escape \\" + e);
      }
    }
    return sb.toString();
  }

  /** Splits a {@code ;} list (a trailing {@code ;} ends it); {@code \;} is a literal semicolon. */
  static List<String> list(String v) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        sb.append(v.charAt(++i));
      } else if (c == ';') {
        out.add(sb.toString().strip());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    if (!sb.toString().isBlank()) {
      out.add(sb.toString().strip());
    }
    out.removeIf(String::isEmpty);
    return out;
  }

  static String joinList(List<String> items) {
    StringBuilder sb = new StringBuilder();
    for (String i : items) {
      sb.append(i.replace("\\", "\\\\").replace(";", "\\;")).append(';');
    }
    return sb.toString();
  }

  /** Writes groups back; values are escaped so a newline cannot start a forged line. */
  static String write(Map<String, Map<String, String>> groups) {
    StringBuilder sb = new StringBuilder();
    groups.forEach(
        (g, m) -> {
          if (sb.length() > 0) {
            sb.append('\n');
          }
          sb.append('[').append(g).append("]\n");
          m.forEach((k, v) -> sb.append(k).append('=').append(escape(v)).append('\n'));
        });
    return sb.toString();
  }

  private static String escape(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\\' -> {
          // already-escaped list separators and backslashes pass through as written
          if (i + 1 < v.length() && (v.charAt(i + 1) == ';' || v.charAt(i + 1) == '\\')) {
            sb.append(c).append(v.charAt(++i));
          } else {
            sb.append("\\\\");
          }
        }
        default -> sb.append(i == 0 && c == ' ' ? "\\s" : String.valueOf(c));
      }
    }
    return sb.toString();
  }
}
