package org.debforge.debmock.plugins.lintian;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import java.util.List;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;
import org.debforge.debmock.plugin.api.QaReport;
import org.debforge.debmock.plugin.api.QaReport.OnFailure;
import org.debforge.debmock.plugins.qa.JunitCase;
import org.debforge.debmock.plugins.qa.QaFiles;

/**
 * sbuild's {@code --run-lintian}: after a successful build, lintian on the host checks the .changes
 * (the .debs and .buildinfo it lists). Raw output in {@code qa/lintian.txt}, one JUnit testcase per
 * package and tag at error or warning level in {@code qa/junit-lintian.xml}. A missing lintian, or
 * lintian failing itself (exit 2 or more, a crash), is an error of the report: never clean.
 */
@AutoService(DebMockPlugin.class)
public final class LintianPlugin implements DebMockPlugin<LintianPlugin.Options> {
  public static final String NAME = "lintian";

  /**
   * @param onFailure unstable or fail: what findings (or lintian's own failure) do to the build
   * @param failOn error or warning: the lowest level whose tags fail their testcase
   * @param extraArgs more lintian arguments, e.g. --suppress-tags or --profile
   */
  public record Options(
      @Doc("unstable or fail: a build whose QA did not pass") String onFailure,
      @Doc("error or warning: lowest level of a failing tag") String failOn,
      @Doc("More lintian arguments") List<String> extraArgs) {
    public static final Options DEFAULTS = new Options("unstable", "error", List.of());

    public Options {
      OnFailure.of(onFailure);
      if (!failOn.equals("error") && !failOn.equals("warning")) {
        throw new IllegalArgumentException("fail_on '" + failOn + "': one of error, warning");
      }
      extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Run lintian on the built .changes after a successful build (qa/junit-lintian.xml)";
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public Options defaultOptions() {
    return Options.DEFAULTS;
  }

  @Override
  public void register(HookRegistrar hooks, Options o) {
    hooks.on(HookStage.POSTBUILD, c -> check(c, o));
  }

  private static void check(HookContext c, Options o) {
    if (!QaFiles.buildSucceeded(c)) {
      return;
    }
    Path changes = QaFiles.changes(QaFiles.buildOutput(c));
    Path qa = QaFiles.dir(c);
    LintianRun.Outcome run =
        new LintianRun(System.getenv("PATH"), c.buildroot().dir().resolve("qa-lintian"))
            .run(changes, o.extraArgs());
    QaFiles.write(qa.resolve("lintian.txt"), run.output());
    report(c, o, run);
  }

  /** Turns a run into the JUnit file and the engine's report. */
  static QaReport report(HookContext c, Options o, LintianRun.Outcome run) {
    String classname = QaFiles.classname(c, NAME);
    OnFailure policy = OnFailure.of(o.onFailure());
    if (run.problem() != null) {
      return QaFiles.report(
          c,
          NAME,
          List.of(
              JunitCase.of(
                  classname, "lintian", JunitCase.Result.ERROR, run.problem(), run.output())),
          run.problem(),
          policy);
    }
    List<LintianOutput.Finding> findings = LintianOutput.parse(run.output());
    List<JunitCase> cases = LintianOutput.cases(classname, findings, o.failOn().equals("warning"));
    long errors = findings.stream().filter(f -> f.severity() == 'E').count();
    long warnings = findings.stream().filter(f -> f.severity() == 'W').count();
    if (run.exitCode() == 1 && errors == 0 && !o.failOn().equals("warning")) {
      // lintian says it found errors, yet no line parsed as one: never report that as clean.
      String why = "lintian exited 1 (errors found) but printed no finding deb-mock could read";
      return QaFiles.report(
          c,
          NAME,
          List.of(JunitCase.of(classname, "lintian", JunitCase.Result.ERROR, why, run.output())),
          why,
          policy);
    }
    return QaFiles.report(
        c, NAME, cases, errors + " error(s), " + warnings + " warning(s) (qa/lintian.txt)", policy);
  }
}
