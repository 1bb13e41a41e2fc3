package org.debforge.debmock.plugins.qa;

import java.util.List;
import java.util.Locale;

/**
 * Writes one JUnit XML {@code <testsuite>} as Jenkins' {@code junit} step reads it. The text comes
 * from tools run on a package's own files (lintian's tag info, test names, log lines), so
 * everything is escaped, and characters XML 1.0 cannot hold at all (control characters, lone
 * surrogates) become U+FFFD instead of making the whole report unreadable.
 */
public final class JunitXml {
  private JunitXml() {}

  /** The document: a suite named {@code suite} with {@code cases} in order. */
  public static String render(String suite, List<JunitCase> cases) {
    long failures = cases.stream().filter(c -> c.result() == JunitCase.Result.FAILED).count();
    long errors = cases.stream().filter(c -> c.result() == JunitCase.Result.ERROR).count();
    long skipped = cases.stream().filter(c -> c.result() == JunitCase.Result.SKIPPED).count();
    double time = cases.stream().mapToDouble(JunitCase::seconds).sum();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuite name=")
        .append(attr(suite))
        .append(" tests=\"")
        .append(cases.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(errors)
        .append("\" skipped=\"")
        .append(skipped)
        .append("\" time=\"")
        .append(seconds(time))
        .append("\">\n");
    for (JunitCase c : cases) {
      b.append("  <testcase classname=")
          .append(attr(c.classname()))
          .append(" name=")
          .append(attr(c.name()))
          .append(" time=\"")
          .append(seconds(c.seconds()))
          .append('"');
      String element =
          switch (c.result()) {
            case FAILED -> "failure";
            case ERROR -> "error";
            case SKIPPED -> "skipped";
            case PASSED -> null;
          };
      if (element == null && c.detail() == null) {
        b.append("/>\n");
        continue;
      }
      b.append(">\n");
      if (element != null) {
        b.append("    <").append(element);
        if (c.message() != null) {
          b.append(" message=").append(attr(c.message()));
        }
        if (c.detail() == null || c.result() == JunitCase.Result.SKIPPED) {
          b.append("/>\n");
        } else {
          b.append('>').append(text(c.detail())).append("</").append(element).append(">\n");
        }
      }
      if (c.detail() != null && (element == null || c.result() == JunitCase.Result.SKIPPED)) {
        b.append("    <system-out>").append(text(c.detail())).append("</system-out>\n");
      }
      b.append("  </testcase>\n");
    }
    return b.append("</testsuite>\n").toString();
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }

  /** A double-quoted attribute value; line breaks kept as character references. */
  static String attr(String s) {
    StringBuilder b = new StringBuilder("\"");
    clean(s)
        .codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append("&#9;");
                default -> b.appendCodePoint(cp);
              }
            });
    return b.append('"').toString();
  }

  /** Element text. */
  static String text(String s) {
    StringBuilder b = new StringBuilder();
    clean(s)
        .codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\r' -> b.append("&#13;");
                default -> b.appendCodePoint(cp);
              }
            });
    return b.toString();
  }

  /** Replaces what XML 1.0 cannot carry, even escaped, by U+FFFD. */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isHighSurrogate(ch)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(ch).append(s.charAt(++i));
      } else if (ch == '\t'
          || ch == '\n'
          || ch == '\r'
          || (ch >= 0x20 && ch <= 0xD7FF)
          || (ch >= 0xE000 && ch <= 0xFFFD)) {
        b.append(ch);
      } else {
        b.append('\uFFFD');
      }
    }
    return b.toString();
  }
}
