package org.debforge.debmock.plugins.lintian;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.debforge.debmock.plugins.qa.JunitCase;

/**
 * lintian's default (EWI) output, one finding a line: {@code E: hello: tag info} or {@code W: hello
 * source: tag info}. Other lines (lintian's own warnings, notes) are not findings. The info comes
 * from the package's own files, so it may hold anything; it is kept as text, never interpreted.
 */
public final class LintianOutput {
  /** One finding: severity letter, package, its type (source, udeb, changes...) or null, tag. */
  public record Finding(char severity, String pkg, String type, String tag, String info) {
    /** The line as lintian printed it. */
    public String line() {
      return severity
          + ": "
          + pkg
          + (type == null ? "" : " " + type)
          + ": "
          + tag
          + (info.isEmpty() ? "" : " " + info);
    }
  }

  private static final Pattern LINE =
      Pattern.compile(
          "([EWIPXOCM]): ([a-z0-9][a-z0-9+.-]*)(?: (source|binary|udeb|changes|buildinfo))?:"
              + " ([A-Za-z0-9][A-Za-z0-9+._-]*)(?: (.*))?");

  private LintianOutput() {}

  public static List<Finding> parse(String text) {
    List<Finding> out = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        out.add(
            new Finding(
                m.group(1).charAt(0),
                m.group(2),
                m.group(3),
                m.group(4),
                m.group(5) == null ? "" : m.group(5).strip()));
      }
    }
    return out;
  }

  /**
   * The JUnit testcases: one per package and tag lintian printed (its findings listed in the body):
   * errors fail, warnings fail only when {@code warningsFail}, the other levels (info, pedantic,
   * shown when lintian's arguments ask for them) are listed as passing. A report without findings
   * gets one passing case, so the suite is never empty.
   */
  public static List<JunitCase> cases(
      String classname, List<Finding> findings, boolean warningsFail) {
    Map<String, List<Finding>> byTag = new LinkedHashMap<>();
    for (Finding f : findings) {
      {
        String key = f.pkg() + (f.type() == null ? "" : " " + f.type()) + ": " + f.tag();
        byTag.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
      }
    }
    List<JunitCase> cases = new ArrayList<>();
    byTag.forEach(
        (name, list) -> {
          boolean error = list.stream().anyMatch(f -> f.severity() == 'E');
          String detail = String.join("\n", list.stream().map(Finding::line).toList());
          boolean warning = list.stream().anyMatch(f -> f.severity() == 'W');
          boolean fails = error || (warning && warningsFail);
          String message =
              (error ? "error" : "warning")
                  + ": "
                  + list.get(0).tag()
                  + (list.size() > 1 ? " (" + list.size() + " times)" : "");
          cases.add(
              fails
                  ? JunitCase.of(classname, name, JunitCase.Result.FAILED, message, detail)
                  : JunitCase.passed(classname, name, detail));
        });
    if (cases.isEmpty()) {
      cases.add(JunitCase.passed(classname, "no errors or warnings", null));
    }
    return cases;
  }
}
