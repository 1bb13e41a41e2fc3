package org.debforge.core.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reading the simple value shapes of control fields, with errors located at the field. */
final class FieldValues {
  /** Policy §5.6.1: lower case letters, digits, '+', '-', '.'; at least two characters. */
  static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");

  /** Policy §5.6.12 without the ordering rules, which are DebianVersion's concern. */
  private static final Pattern VERSION = Pattern.compile("([0-9]+:)?[0-9A-Za-z][0-9A-Za-z.+~:-]*");

  private FieldValues() {}

  /** Comma-separated entries (Binary in a .dsc, Uploaders), trimmed, empty ones dropped. */
  static List<String> commaList(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String part : value.split(",")) {
      String s = part.strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Whitespace-separated words (Architecture, Binary in a .changes). */
  static List<String> words(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String part : value.strip().split("\\s+")) {
      if (!part.isEmpty()) {
        out.add(part);
      }
    }
    return out;
  }

  static String packageName(Paragraph p, String field) {
    String v = p.require(field).strip();
    if (!PACKAGE_NAME.matcher(v).matches()) {
      throw p.error(
          field,
          "'" + v + "' is not a valid package name",
          "package names are lower case letters, digits, '+', '-' and '.' (Policy 5.6.1)");
    }
    return v;
  }

  static String version(Paragraph p, String field, String value) {
    if (!VERSION.matcher(value).matches()) {
      throw p.error(
          field,
          "'" + value + "' is not a valid version",
          "versions are [epoch:]upstream[-revision] (Policy 5.6.12)");
    }
    return value;
  }

  static List<String> packageNames(Paragraph p, String field, List<String> names) {
    for (String n : names) {
      if (!PACKAGE_NAME.matcher(n).matches()) {
        throw p.error(
            field,
            "'" + n + "' is not a valid package name",
            "package names are lower case letters, digits, '+', '-' and '.' (Policy 5.6.1)");
      }
    }
    return names;
  }

  /** "name" or "name (version)", as Source is written in .changes and .buildinfo. */
  record NameVersion(String name, String version) {}

  static NameVersion sourceWithVersion(Paragraph p, String field) {
    String v = p.require(field).strip();
    int paren = v.indexOf('(');
    if (paren < 0) {
      return new NameVersion(packageName(p, field), null);
    }
    String name = v.substring(0, paren).strip();
    if (!v.endsWith(")") || !PACKAGE_NAME.matcher(name).matches()) {
      throw p.error(
          field, "'" + v + "' is not 'name' or 'name (version)'", "e.g. 'Source: hello (2.10-3)'");
    }
    return new NameVersion(name, version(p, field, v.substring(paren + 1, v.length() - 1).strip()));
  }

  /** The value or null, stripped. */
  static String optional(Paragraph p, String field) {
    String v = p.value(field);
    return v == null ? null : v.strip();
  }
}
