package org.debforge.debmock.plugin.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one QA plugin (lintian, piuparts, autopkgtest) found after a build, handed to the engine
 * with {@link Buildroot#reportQa}: result.json's {@code qa} section records it, and a report that
 * did not pass makes the build {@code unstable} or {@code failed}, as {@code onFailure} says.
 *
 * @param plugin the reporting plugin's name (the key in result.json's {@code qa})
 * @param status passed, failed (the tool found problems), error (the tool could not run or crashed:
 *     never a clean report) or skipped (nothing to check)
 * @param junit the JUnit XML file, relative to the result directory ({@code qa/junit-lintian.xml}),
 *     or null when none was written
 * @param message one line for the console and result.json: what failed, or why it was skipped
 */
public record QaReport(
    String plugin,
    Status status,
    String junit,
    int tests,
    int failures,
    int errors,
    int skipped,
    String message,
    OnFailure onFailure) {
  /** A QA plugin's verdict. */
  public enum Status {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED;

    /** The spelling in result.json. */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a report that did not pass does to the build. */
  public enum OnFailure {
    /** The packages are kept and collected; result.json's status is {@code unstable}. */
    UNSTABLE,
    /** The build fails (exit 40, plugin_failed), the packages are still collected. */
    FAIL;

    /** Parses an option value ({@code unstable} or {@code fail}). */
    public static OnFailure of(String value) {
      for (OnFailure o : values()) {
        if (o.name().equalsIgnoreCase(value)) {
          return o;
        }
      }
      throw new IllegalArgumentException("on_failure '" + value + "': one of unstable, fail");
    }
  }

  public QaReport {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(onFailure, "onFailure");
    if (tests < 0 || failures < 0 || errors < 0 || skipped < 0) {
      throw new IllegalArgumentException("negative count in the QA report of " + plugin);
    }
  }

  /** Whether the build is affected: the tool found problems, or could not tell. */
  public boolean notPassed() {
    return status == Status.FAILED || status == Status.ERROR;
  }

  /** The entry of result.json's {@code qa} section. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status.json());
    m.put("junit", junit);
    m.put("tests", tests);
    m.put("failures", failures);
    m.put("errors", errors);
    m.put("skipped", skipped);
    m.put("message", message);
    m.put("on_failure", onFailure.name().toLowerCase(Locale.ROOT));
    return m;
  }
}
