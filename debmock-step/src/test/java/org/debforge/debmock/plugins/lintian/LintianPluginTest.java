package org.debforge.debmock.plugins.lintian;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.QaReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lintian that is missing, or fails itself, gives an error report and a JUnit error, never a
 * clean report; exit 1 with nothing readable is an error too.
 */
class LintianPluginTest {
  @TempDir Path dir;

  private HookContext context() {
    return new HookContext(
        HookStage.POSTBUILD,
        "bookworm-amd64",
        null,
        "hello",
        "2.10-3",
        null,
        dir,
        dir,
        "rebuild",
        Map.of("architecture", "amd64"),
        Map.of("build_exit_code", 0),
        null,
        null,
        null,
        null);
  }

  @Test
  void lintianNotOnPathIsAnErrorNeverClean() throws Exception {
    LintianRun.Outcome run =
        new LintianRun("/nonexistent/bin:" + dir, dir.resolve("scratch"))
            .run(dir.resolve("hello_2.10-3_amd64.changes"), List.of());
    assertThat(run.problem())
        .startsWith("lintian is not installed (not found on PATH /nonexistent");
    QaReport r = LintianPlugin.report(context(), LintianPlugin.Options.DEFAULTS, run);
    assertThat(r.status()).isEqualTo(QaReport.Status.ERROR);
    assertThat(r.notPassed()).isTrue();
    assertThat(r.errors()).isEqualTo(1);
    String xml = Files.readString(dir.resolve("qa/junit-lintian.xml"));
    assertThat(xml)
        .contains("errors=\"1\"")
        .contains("classname=\"debmock.qa.lintian.hello.amd64\"")
        .contains("<error message=\"lintian is not installed");
  }

  @Test
  void exitOneWithoutReadableErrorsIsAnError() {
    QaReport r =
        LintianPlugin.report(
            context(),
            LintianPlugin.Options.DEFAULTS,
            new LintianRun.Outcome(1, "E hello something lintian never printed\n", null));
    assertThat(r.status()).isEqualTo(QaReport.Status.ERROR);
    assertThat(r.message()).contains("exited 1");
  }

  @Test
  void findingsFailTheReport() {
    QaReport r =
        LintianPlugin.report(
            context(),
            new LintianPlugin.Options("fail", "error", List.of()),
            new LintianRun.Outcome(1, "E: hello: some-error x\nW: hello: some-warning\n", null));
    assertThat(r.status()).isEqualTo(QaReport.Status.FAILED);
    assertThat(r.onFailure()).isEqualTo(QaReport.OnFailure.FAIL);
    assertThat(r.tests()).isEqualTo(2);
    assertThat(r.failures()).isEqualTo(1);
    assertThat(r.junit()).isEqualTo("qa/junit-lintian.xml");
  }

  /** Real lintian, asked to check a file that does not exist: exit 2, an error of the report. */
  @Test
  @Tag("root")
  void realLintianFailingItselfIsAnError() throws Exception {
    // lintian runs as nobody: the directory must be open to it, as a build root's is.
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    LintianRun.Outcome run =
        new LintianRun(System.getenv("PATH"), dir.resolve("scratch"))
            .run(dir.resolve("missing_1.0_amd64.changes"), List.of());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.problem()).startsWith("lintian failed itself (exit 2)");
    QaReport r = LintianPlugin.report(context(), LintianPlugin.Options.DEFAULTS, run);
    assertThat(r.status()).isEqualTo(QaReport.Status.ERROR);
    assertThat(Files.exists(dir.resolve("scratch"))).isFalse();
  }
}
