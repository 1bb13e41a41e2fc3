package org.debforge.debmock.plugins.autopkgtest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.debforge.debmock.plugins.qa.JunitCase;
import org.debforge.debmock.plugins.qa.JunitCase.Result;

/**
 * autopkgtest's summary file ({@code --summary-file}): one line a test, {@code '%-20s %s' % (name,
 * result)} (adtlog.report), the result being {@code PASS}, {@code PASS (superficial)}, {@code FAIL
 * reason}, {@code SKIP reason}, {@code FLAKY reason} or {@code BROKEN reason}; {@code *} stands for
 * the whole package ({@code * SKIP no tests in this package}). {@code blame:} and {@code badpkg:}
 * lines explain an erroneous package and are added to the test before them.
 */
public final class AutopkgtestSummary {
  private static final Pattern LINE =
      Pattern.compile("(\\S+)\\s+(PASS|FAIL|SKIP|FLAKY|BROKEN)(?:\\s+(.*))?");

  /** One test's line (and the explanation lines after it). */
  public record Entry(String test, String result, String reason, String extra) {}

  private AutopkgtestSummary() {}

  public static List<Entry> parse(String text) {
    List<Entry> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        out.add(new Entry(m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3), ""));
      } else if (!out.isEmpty()) {
        Entry last = out.remove(out.size() - 1);
        out.add(
            new Entry(
                last.test(),
                last.result(),
                last.reason(),
                last.extra().isEmpty() ? line : last.extra() + "\n" + line));
      }
    }
    return out;
  }

  /**
   * One testcase per test. {@code logs} gives a test's output (its stdout and stderr from the
   * output directory) for the body of a failure; a flaky failure is skipped, as autopkgtest counts
   * it.
   */
  public static List<JunitCase> cases(
      String classname, List<Entry> entries, Function<String, String> logs) {
    List<JunitCase> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.test().equals("*") && e.result().equals("PASS")) {
        continue; // "Test specification is valid": not a test
      }
      String name = e.test().equals("*") ? "(all tests)" : e.test();
      String detail = join(e.extra(), logs.apply(e.test()));
      out.add(
          switch (e.result()) {
            case "PASS" ->
                JunitCase.passed(classname, name, e.reason().isEmpty() ? null : e.reason());
            case "FAIL" -> JunitCase.of(classname, name, Result.FAILED, e.reason(), detail);
            case "BROKEN" -> JunitCase.of(classname, name, Result.ERROR, e.reason(), detail);
            case "FLAKY" ->
                JunitCase.of(classname, name, Result.SKIPPED, "flaky: " + e.reason(), detail);
            default -> JunitCase.of(classname, name, Result.SKIPPED, e.reason(), null);
          });
    }
    return out;
  }

  private static String join(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b == null || b.isEmpty() ? null : b;
    }
    return b == null || b.isEmpty() ? a : a + "\n" + b;
  }
}
