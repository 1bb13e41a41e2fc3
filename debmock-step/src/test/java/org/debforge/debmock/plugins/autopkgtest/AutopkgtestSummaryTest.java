package org.debforge.debmock.plugins.autopkgtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.debforge.debmock.plugins.autopkgtest.AutopkgtestSummary.Entry;
import org.debforge.debmock.plugins.qa.Golden;
import org.debforge.debmock.plugins.qa.JunitCase;
import org.debforge.debmock.plugins.qa.JunitCase.Result;
import org.debforge.debmock.plugins.qa.JunitXml;
import org.junit.jupiter.api.Test;

/** autopkgtest's summary file, as adtlog.report writes it ('%-20s %s'). */
class AutopkgtestSummaryTest {
  static final String CLS = "debmock.qa.autopkgtest.dmqa.amd64";

  static final String SUMMARY =
      String.format("%-20s %s%n", "passes", "PASS")
          + String.format("%-20s %s%n", "fails", "FAIL non-zero exit status 1")
          + String.format("%-20s %s%n", "a-test-name-longer-than-twenty", "PASS (superficial)")
          + String.format("%-20s %s%n", "needs-machine", "SKIP Test needs isolation-machine")
          + String.format("%-20s %s%n", "sometimes", "FLAKY stderr: <odd & \u0002>")
          + String.format("%-20s %s%n", "broken", "BROKEN test dependencies are unsatisfiable")
          + String.format("%-20s %s%n", "baddeps", "FAIL badpkg")
          + "blame: dmqa\n"
          + "badpkg: Test dependencies are unsatisfiable. A common reason is ...\n";

  @Test
  void parsesEveryResultAndExplanationLines() {
    List<Entry> e = AutopkgtestSummary.parse(SUMMARY);
    assertThat(e)
        .extracting(Entry::test)
        .containsExactly(
            "passes",
            "fails",
            "a-test-name-longer-than-twenty",
            "needs-machine",
            "sometimes",
            "broken",
            "baddeps");
    assertThat(e.get(1).reason()).isEqualTo("non-zero exit status 1");
    assertThat(e.get(6).extra()).startsWith("blame: dmqa\nbadpkg: Test dependencies");
  }

  @Test
  void casesWithTestLogs() throws Exception {
    List<JunitCase> c =
        AutopkgtestSummary.cases(
            CLS,
            AutopkgtestSummary.parse(SUMMARY),
            t -> t.equals("fails") ? "--- fails-stderr ---\nboom <&>\n" : "");
    assertThat(c)
        .extracting(JunitCase::result)
        .containsExactly(
            Result.PASSED,
            Result.FAILED,
            Result.PASSED,
            Result.SKIPPED,
            Result.SKIPPED,
            Result.ERROR,
            Result.FAILED);
    assertThat(c.get(1).detail()).contains("boom <&>");
    Golden.assertMatches(
        JunitXml.render("debmock.qa.autopkgtest", c), "autopkgtest/junit.golden.xml");
  }

  @Test
  void packageWithoutTestsIsOneSkippedCase() {
    List<JunitCase> c =
        AutopkgtestSummary.cases(
            CLS,
            AutopkgtestSummary.parse(
                String.format("%-20s %s%n", "*", "SKIP no tests in this package")),
            t -> "");
    assertThat(c)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.name()).isEqualTo("(all tests)");
              assertThat(x.result()).isEqualTo(Result.SKIPPED);
            });
  }
}
