package org.debforge.debmock.plugins.qa;

import java.util.Objects;

/**
 * One testcase of a QA plugin's JUnit report: a lintian tag, a piuparts scenario, an autopkgtest
 * test.
 *
 * @param classname e.g. {@code debmock.qa.lintian.hello.amd64}: the source and architecture, so the
 *     cells of a matrix build do not collide in Jenkins
 * @param message the failure's, error's or skip's one-line reason; null when passed
 * @param detail longer text (the findings, the log's end): the element's body, or system-out
 */
public record JunitCase(
    String classname, String name, Result result, String message, String detail, double seconds) {
  /** How a testcase ended, as JUnit spells it. */
  public enum Result {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED
  }

  public JunitCase {
    Objects.requireNonNull(classname, "classname");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(result, "result");
  }

  public static JunitCase passed(String classname, String name, String detail) {
    return new JunitCase(classname, name, Result.PASSED, null, detail, 0);
  }

  public static JunitCase of(
      String classname, String name, Result result, String message, String detail) {
    return new JunitCase(classname, name, result, message, detail, 0);
  }
}
