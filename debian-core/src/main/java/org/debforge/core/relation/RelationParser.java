package org.debforge.core.relation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.debforge.core.FormatException;
import org.debforge.core.version.DebianVersion;

/**
 * Reads relationship fields with the grammar of Dpkg::Deps (scripts/Dpkg/Deps/Simple.pm) and the
 * per-field rules of dpkg's lib/dpkg/fields.c: which fields allow alternatives, that Provides only
 * takes {@code =}, and {@code :native} only in build relations.
 */
final class RelationParser {
  private static final String HINT =
      "a relation is 'name[:arch] [(op version)] [arch ...] [<profile ...>]', items separated by"
          + " ',' and alternatives by '|'; op is one of << <= = >= >> (deb-control(5))";

  private final String field;
  private final RelationField.Options options;
  private final boolean build;
  private final boolean alternativesAllowed;
  private final boolean onlyExactly;
  private String text;
  private int pos;

  RelationParser(String field, RelationField.Options options) {
    this.field = field;
    this.options = options;
    String f = field.toLowerCase(Locale.ROOT);
    this.build = f.startsWith("build-");
    this.alternativesAllowed =
        !(f.equals("conflicts")
            || f.equals("breaks")
            || f.equals("replaces")
            || f.equals("provides")
            || f.startsWith("build-conflicts"));
    this.onlyExactly = f.equals("provides");
  }

  RelationField parse(String value) {
    this.text = value;
    List<Alternatives> items = new ArrayList<>();
    pos = 0;
    skipSpace();
    if (pos == text.length()) {
      return new RelationField(field, items);
    }
    while (true) {
      items.add(alternatives());
      skipSpace();
      if (pos == text.length()) {
        break;
      }
      expect(',');
      skipSpace();
      if (pos == text.length()) {
        break; // a trailing comma, as debian/control often has
      }
    }
    return new RelationField(field, items);
  }

  private Alternatives alternatives() {
    List<Dependency> alternatives = new ArrayList<>();
    int start = pos;
    alternatives.add(dependency());
    skipSpace();
    while (pos < text.length() && text.charAt(pos) == '|') {
      if (!alternativesAllowed) {
        throw error(pos, "alternatives ('|') are not allowed in " + field, null);
      }
      pos++;
      skipSpace();
      alternatives.add(dependency());
      skipSpace();
    }
    if (alternatives.size() > 1 && alternatives.stream().anyMatch(Dependency::substvar)) {
      // dpkg-gencontrol may expand a substvar to several items; it cannot be one alternative.
      throw error(start, "a substitution variable cannot be one of several alternatives", null);
    }
    return new Alternatives(alternatives);
  }

  private Dependency dependency() {
    int start = pos;
    if (at("${")) {
      return Dependency.substvar(substvar());
    }
    String name = word(RelationParser::isNameStart, RelationParser::isNameChar);
    if (name == null) {
      String what =
          pos == text.length() || text.charAt(pos) == ',' || text.charAt(pos) == '|'
              ? "an empty item or alternative"
              : "'" + text.charAt(pos) + "' where a package name should start";
      throw error(pos, "expected a package name, found " + what, null);
    }
    String archQualifier = null;
    if (pos < text.length() && text.charAt(pos) == ':') {
      pos++;
      archQualifier = word(RelationParser::isArchStart, RelationParser::isArchChar);
      if (archQualifier == null) {
        throw error(pos, "expected an architecture after ':' in '" + name + ":'", null);
      }
      if (archQualifier.equals("native") && !build) {
        throw error(start, "':native' is only allowed in build relations, not " + field, null);
      }
    }
    skipSpace();
    VersionRelation relation = null;
    String version = null;
    if (pos < text.length() && text.charAt(pos) == '(') {
      int open = pos++;
      skipSpace();
      int opStart = pos;
      while (pos < text.length() && "<=>".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      String op = text.substring(opStart, pos);
      relation = VersionRelation.of(op);
      if (relation == null) {
        throw error(opStart, "bad version operator '" + op + "' for " + name, null);
      }
      if (onlyExactly && relation != VersionRelation.EXACTLY) {
        throw error(opStart, "Provides only allows '=' versions, not '" + op + "'", null);
      }
      skipSpace();
      int vStart = pos;
      while (pos < text.length() && ")(,| \t\n".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      version = text.substring(vStart, pos);
      if (version.isEmpty()) {
        throw error(vStart, "missing version after '" + op + "' for " + name, null);
      }
      checkVersion(vStart, version);
      skipSpace();
      if (pos == text.length() || ",|".indexOf(text.charAt(pos)) >= 0) {
        throw error(open, "unclosed '(' in the version of " + name, null);
      }
      if (text.charAt(pos) != ')') {
        throw error(pos, "expected ')' after the version of " + name, null);
      }
      pos++;
      skipSpace();
    }
    List<Restriction> arches = new ArrayList<>();
    if (pos < text.length() && text.charAt(pos) == '[') {
      arches = restrictions('[', ']', "architecture", RelationParser::isArchStart);
      boolean negated = arches.get(0).negated();
      for (Restriction r : arches) {
        if (r.negated() != negated) {
          throw error(start, "an architecture list mixes negated and plain names", null);
        }
      }
      skipSpace();
    }
    List<List<Restriction>> profiles = new ArrayList<>();
    while (pos < text.length() && text.charAt(pos) == '<') {
      profiles.add(restrictions('<', '>', "build profile", RelationParser::isProfileStart));
      skipSpace();
    }
    if (pos < text.length() && ",|".indexOf(text.charAt(pos)) < 0) {
      char c = text.charAt(pos);
      String why;
      if (c == '[') {
        why = "an architecture list must come before build profiles";
      } else if (c == '='
          || (c == '>' && pos + 1 < text.length() && "=>".indexOf(text.charAt(pos + 1)) >= 0)) {
        why = "a version constraint must be in parentheses";
      } else if (c == ')' || c == ']' || c == '>') {
        why = "unbalanced '" + c + "'";
      } else {
        why = "unexpected '" + c + "'";
      }
      throw error(pos, why + " after " + name, null);
    }
    return new Dependency(name, archQualifier, relation, version, arches, profiles);
  }

  private List<Restriction> restrictions(
      char open, char close, String what, java.util.function.IntPredicate start) {
    int openAt = pos++;
    List<Restriction> terms = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos == text.length() || text.charAt(pos) == ',' || text.charAt(pos) == '|') {
        throw error(openAt, "unclosed '" + open + "'", null);
      }
      if (text.charAt(pos) == close) {
        pos++;
        break;
      }
      boolean negated = text.charAt(pos) == '!';
      if (negated) {
        pos++;
      }
      String name =
          what.equals("architecture")
              ? word(start, RelationParser::isArchChar)
              : word(start, RelationParser::isProfileChar);
      if (name == null) {
        throw error(
            pos,
            "bad " + what + " name starting at '" + text.charAt(pos) + "' in '" + open + "...'",
            null);
      }
      terms.add(new Restriction(name, negated));
    }
    if (terms.isEmpty()) {
      throw error(openAt, "empty " + what + " restriction '" + open + close + "'", null);
    }
    return terms;
  }

  private String substvar() {
    int start = pos;
    int close = text.indexOf('}', pos);
    if (close < 0) {
      throw error(start, "unclosed substitution variable", null);
    }
    String var = text.substring(start, close + 1);
    if (!var.matches("\\$\\{[A-Za-z0-9][-:A-Za-z0-9]*\\}")) {
      throw error(start, "bad substitution variable '" + var + "'", null);
    }
    if (!options.allowSubstvars()) {
      throw substvarRefused(start, var);
    }
    pos = close + 1;
    skipSpace();
    return var;
  }

  private FormatException substvarRefused(int at, String var) {
    return error(
        at,
        "substitution variable '" + var + "' in a field that must be final",
        "substvars are expanded by dpkg-gencontrol; parse debian/control with substvars allowed,"
            + " or the generated control file");
  }

  private void checkVersion(int at, String version) {
    if (version.contains("${")) {
      if (!options.allowSubstvars()) {
        throw substvarRefused(at, version);
      }
      return;
    }
    try {
      DebianVersion.parseLenient(version);
    } catch (FormatException e) {
      throw error(at, e.detail(), e.hint().orElse(null));
    }
  }

  private boolean at(String s) {
    return text.startsWith(s, pos);
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error(pos, "expected '" + c + "'", null);
    }
    pos++;
  }

  private String word(java.util.function.IntPredicate first, java.util.function.IntPredicate rest) {
    int start = pos;
    if (pos < text.length() && first.test(text.charAt(pos))) {
      pos++;
      while (pos < text.length() && rest.test(text.charAt(pos))) {
        pos++;
      }
      return text.substring(start, pos);
    }
    return null;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private FormatException error(int at, String detail, String hint) {
    int from = Math.max(0, Math.min(at, text.length()));
    String near = text.substring(from, Math.min(text.length(), from + 30)).replace('\n', ' ');
    return new FormatException(
        null,
        0,
        field,
        detail + (near.isEmpty() ? " (at the end)" : " (at '" + near + "')"),
        hint == null ? HINT : hint);
  }

  private static boolean isAsciiAlnum(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private static boolean isNameStart(int c) {
    return isAsciiAlnum(c);
  }

  private static boolean isNameChar(int c) {
    return isAsciiAlnum(c) || c == '+' || c == '.' || c == '-';
  }

  private static boolean isArchStart(int c) {
    return isAsciiAlnum(c);
  }

  private static boolean isArchChar(int c) {
    return isAsciiAlnum(c) || c == '-';
  }

  private static boolean isProfileStart(int c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  private static boolean isProfileChar(int c) {
    return isProfileStart(c) || c == '.' || c == '+' || c == '-';
  }
}
