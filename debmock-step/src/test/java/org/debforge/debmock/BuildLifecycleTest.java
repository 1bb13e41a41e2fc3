package org.debforge.debmock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Dsc;
import org.debforge.debmock.build.SourcePackage;
import org.debforge.debmock.chroot.RootLog;
import org.debforge.debmock.config.ConfigLoader;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.QaReport;
import org.debforge.debmock.plugin.api.QaReport.OnFailure;
import org.debforge.debmock.plugin.api.QaReport.Status;
import org.debforge.debmock.plugin.runtime.HookDispatcher;
import org.debforge.debmock.result.Artifact;
import org.debforge.debmock.result.BuildResult;
import org.debforge.debmock.result.StateLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deb-mock's lifecycle without root: fake steps that record what ran and fail where told, a
 * dispatcher that records the hooks, and the real result.json written at the end of every path.
 */
class BuildLifecycleTest {
  @TempDir Path out;

  private final List<String> events = new ArrayList<>();
  private final AtomicBoolean canceled = new AtomicBoolean();
  private HookFirer hooks;

  /** Records each hook as {@code hook:NAME} in the same list as the steps. */
  private class RecordingDispatcher implements HookDispatcher {
    @Override
    public void fire(HookContext context) {
      events.add("hook:" + context.stage().hookName());
    }

    @Override
    public boolean hasProvider(HookStage stage) {
      return true;
    }

    @Override
    public List<String> ran() {
      return List.of();
    }

    @Override
    public List<String> enabledPlugins() {
      return List.of();
    }
  }

  /**
   * Steps that do nothing but record themselves; {@code failAt} throws there, {@code cancelAt}
   * cancels.
   */
  private final class FakeSteps implements BuildLifecycle.Steps {
    String failAt;
    ErrorKind failKind = ErrorKind.BUILD_FAILED;
    String cancelAt;
    boolean keep;
    boolean rootMade;
    QaReport qa;

    private void step(String name) {
      events.add(name);
      if (name.equals(cancelAt)) {
        canceled.set(true);
        // What a canceled root command looks like to the build thread: it failed.
        throw new DebforgeException(ErrorKind.BUILD_FAILED, name + " killed", null);
      }
      if (name.equals(failAt)) {
        throw new DebforgeException(failKind, name + " failed", "a hint");
      }
    }

    @Override
    public SourcePackage validate() {
      step("validate");
      return source();
    }

    @Override
    public void verifyInputs(StateLog state) {
      step("verify");
    }

    @Override
    public void init() {
      step("init");
      rootMade = true;
    }

    @Override
    public void copySource() {
      step("copy");
    }

    @Override
    public void unpack() {
      step("unpack");
    }

    @Override
    public void installBuildDeps(StateLog state) {
      state.phase("install build dependencies", () -> step("deps"));
    }

    @Override
    public void build() {
      step("build");
      if (qa != null) {
        // What a QA plugin does at postbuild, through its buildroot.
        hooks.buildroot.reportQa(qa);
      }
    }

    @Override
    public List<Artifact> collect() {
      step("collect");
      return List.of(new Artifact("tiny_1.0_all.deb", "deb", 1, "00"));
    }

    @Override
    public boolean hasRoot() {
      return rootMade;
    }

    @Override
    public boolean keepsRoot() {
      return keep;
    }

    @Override
    public void removeRoot() {
      events.add("remove-root");
    }

    @Override
    public void keepRoot() {
      events.add("keep-root");
    }

    @Override
    public void release() {
      events.add("release");
    }
  }

  private SourcePackage source() {
    Path dsc = out.resolve("tiny_1.0.dsc");
    String text =
        "Format: 3.0 (native)\nSource: tiny\nBinary: tiny\nArchitecture: all\nVersion: 1.0\n"
            + "Maintainer: T <t@example.org>\nFiles:\n"
            + " 00000000000000000000000000000000 1 tiny_1.0.tar.xz\nChecksums-Sha256:\n"
            + " 0000000000000000000000000000000000000000000000000000000000000000 1"
            + " tiny_1.0.tar.xz\n";
    return new SourcePackage(dsc, Dsc.parse(text, dsc.toString()), List.of(), null);
  }

  @BeforeEach
  void hooks() {
    hooks =
        new HookFirer(
            new RecordingDispatcher(),
            new ConfigLoader(List.of(), () -> "http://mirror.invalid/debian")
                .load("bookworm-amd64", List.of()),
            "rebuild",
            out,
            // No hook here uses the buildroot's capabilities: no engine behind them.
            new BuildrootAccess(null, () -> new RootLog(out.resolve("root.log"), s -> {})));
  }

  private BuildResult run(FakeSteps steps) {
    StateLog state = new StateLog(out.resolve("state.log"));
    return new BuildLifecycle(
            hooks, state, new RootLog(out.resolve("root.log"), s -> {}), canceled::get)
        .run(
            steps,
            o ->
                new BuildResult(
                    BuildResult.SCHEMA_VERSION,
                    o.status(),
                    o.failure() == null ? "ok" : BuildResult.exitReason(o.failure().kind()),
                    o.failure() == null ? null : o.failure().kind().name(),
                    o.failure() == null ? null : o.failure().getMessage(),
                    "rebuild",
                    "bookworm-amd64",
                    o.source() == null ? Map.of() : Map.of("name", o.source().name()),
                    BuildResult.phases(state.phases()),
                    0,
                    o.artifacts(),
                    List.of(),
                    List.of(),
                    List.of(),
                    Map.of(),
                    Map.of(),
                    o.qaJson()),
            out);
  }

  private JsonNode resultJson() throws Exception {
    return new ObjectMapper().readTree(Files.readString(out.resolve("result.json")));
  }

  private static final List<String> AFTER =
      List.of(
          "hook:umount_root",
          "hook:postumount",
          "hook:process_logs",
          "hook:clean",
          "remove-root",
          "hook:postclean",
          "release");

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void successRunsEveryPhaseAndHookInMockOrder() throws Exception {
    BuildResult r = run(new FakeSteps());
    assertThat(events)
        .containsExactlyElementsOf(
            concat(
                List.of(
                    "validate",
                    "verify",
                    "init",
                    "hook:mount_root",
                    "copy",
                    "hook:earlyprebuild",
                    "unpack",
                    "deps",
                    "hook:postdeps",
                    "hook:prebuild",
                    "build",
                    "hook:postbuild",
                    "collect"),
                AFTER));
    assertThat(r.status()).isEqualTo("succeeded");
    JsonNode json = resultJson();
    assertThat(json.path("status").asText()).isEqualTo("succeeded");
    assertThat(json.path("exit_reason").asText()).isEqualTo("ok");
    assertThat(json.path("artifacts").get(0).path("name").asText()).isEqualTo("tiny_1.0_all.deb");
    assertThat(json.path("phases").findValuesAsText("name"))
        .containsExactly(
            "validate source",
            "init",
            "copy source",
            "unpack",
            "install build dependencies",
            "build",
            "collect");
    assertThat(hooks.result).containsEntry("status", "succeeded");
  }

  private static QaReport lintian(Status status, OnFailure onFailure) {
    return new QaReport(
        "lintian", status, "qa/junit-lintian.xml", 3, 1, 0, 0, "1 error(s)", onFailure);
  }

  @Test
  void qaThatDidNotPassMakesTheBuildUnstableWithItsPackages() throws Exception {
    FakeSteps steps = new FakeSteps();
    steps.qa = lintian(Status.FAILED, OnFailure.UNSTABLE);
    BuildResult r = run(steps);
    assertThat(r.status()).isEqualTo("unstable");
    assertThat(r.artifacts()).isNotEmpty();
    JsonNode json = resultJson();
    assertThat(json.path("status").asText()).isEqualTo("unstable");
    JsonNode qa = json.path("qa").path("lintian");
    assertThat(qa.path("status").asText()).isEqualTo("failed");
    assertThat(qa.path("junit").asText()).isEqualTo("qa/junit-lintian.xml");
    assertThat(qa.path("tests").asInt()).isEqualTo(3);
    assertThat(qa.path("failures").asInt()).isEqualTo(1);
    assertThat(qa.path("on_failure").asText()).isEqualTo("unstable");
    // Hooks after the build (process_logs...) see the status the build will have.
    assertThat(hooks.result).containsEntry("status", "unstable");
  }

  @Test
  void qaErrorIsNeverClean() throws Exception {
    FakeSteps steps = new FakeSteps();
    steps.qa = lintian(Status.ERROR, OnFailure.UNSTABLE);
    assertThat(run(steps).status()).isEqualTo("unstable");
    assertThat(resultJson().path("qa").path("lintian").path("status").asText()).isEqualTo("error");
  }

  @Test
  void passedOrSkippedQaKeepsTheBuildSucceeded() throws Exception {
    FakeSteps steps = new FakeSteps();
    steps.qa = lintian(Status.SKIPPED, OnFailure.FAIL);
    assertThat(run(steps).status()).isEqualTo("succeeded");
    assertThat(resultJson().path("qa").path("lintian").path("status").asText())
        .isEqualTo("skipped");
  }

  @Test
  void qaWithOnFailureFailFailsTheBuildAfterCollectingItsPackages() throws Exception {
    FakeSteps steps = new FakeSteps();
    steps.qa = lintian(Status.FAILED, OnFailure.FAIL);
    assertThatThrownBy(() -> run(steps))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("QA failed after the build: lintian failed: 1 error(s)")
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.PLUGIN_FAILED);
    assertThat(events).contains("collect");
    JsonNode json = resultJson();
    assertThat(json.path("status").asText()).isEqualTo("failed");
    assertThat(json.path("exit_reason").asText()).isEqualTo("plugin_failed");
    assertThat(json.path("artifacts")).isNotEmpty();
    assertThat(json.path("qa").path("lintian").path("on_failure").asText()).isEqualTo("fail");
  }

  @Test
  void buildFailureStillFiresPostbuildCleansUpAndRecordsTheFailure() throws Exception {
    FakeSteps steps = new FakeSteps();
    steps.failAt = "build";
    assertThatThrownBy(() -> run(steps))
        .isInstanceOf(DebforgeException.class)
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.BUILD_FAILED);
    assertThat(events)
        .containsSubsequence("build", "hook:postbuild")
        .doesNotContain("collect")
        .endsWith(AFTER.toArray(String[]::new));
    JsonNode json = resultJson();
    assertThat(json.path("status").asText()).isEqualTo("failed");
    assertThat(json.path("exit_reason").asText()).isEqualTo("build_failed");
    assertThat(json.path("message").asText()).isEqualTo("build failed");
    assertThat(json.path("phases").get(5).path("ok").asBoolean()).isFalse();
  }

  @Test
  void dependencyFailureSkipsTheBuildAndItsHooks() throws Exception {
    FakeSteps steps = new FakeSteps();
    steps.failAt = "deps";
    steps.failKind = ErrorKind.DEPENDENCY_RESOLUTION;
    assertThatThrownBy(() -> run(steps))
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.DEPENDENCY_RESOLUTION);
    assertThat(events)
        .doesNotContain("hook:postdeps", "hook:prebuild", "build", "hook:postbuild")
        .endsWith(AFTER.toArray(String[]::new));
    assertThat(resultJson().path("exit_reason").asText()).isEqualTo("dependency_resolution");
  }

  @Test
  void failureBeforeTheRootExistsRemovesNothing() throws Exception {
    FakeSteps steps = new FakeSteps();
    steps.failAt = "validate";
    steps.failKind = ErrorKind.VERIFICATION_FAILED;
    assertThatThrownBy(() -> run(steps)).isInstanceOf(DebforgeException.class);
    assertThat(events)
        .containsExactly(
            "validate", "hook:umount_root", "hook:postumount", "hook:process_logs", "release");
    assertThat(resultJson().path("status").asText()).isEqualTo("failed");
  }

  @Test
  void cancelRunsNoMoreHooksButRemovesTheRootAndSaysCanceled() throws Exception {
    FakeSteps steps = new FakeSteps();
    steps.cancelAt = "build";
    assertThatThrownBy(() -> run(steps))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("canceled by SIGINT/SIGTERM");
    int build = events.indexOf("build");
    // postbuild's finally still runs in the build thread; after it, no hook but the root goes.
    assertThat(events.subList(build + 1, events.size()))
        .containsExactly("hook:postbuild", "remove-root", "release");
    JsonNode json = resultJson();
    assertThat(json.path("status").asText()).isEqualTo("canceled");
    assertThat(Files.readString(out.resolve("root.log"))).contains("canceled (SIGINT/SIGTERM)");
  }

  @Test
  void aKeptRootIsReleasedNotRemoved() throws Exception {
    FakeSteps steps = new FakeSteps();
    steps.keep = true;
    run(steps);
    assertThat(events).contains("keep-root").doesNotContain("remove-root", "hook:clean");
  }

  @Test
  void aFailingCleanupHookIsRecordedAndTheRootStillGoes() throws Exception {
    hooks =
        new HookFirer(
            new RecordingDispatcher() {
              @Override
              public void fire(HookContext context) {
                super.fire(context);
                if (context.stage() == HookStage.PROCESS_LOGS) {
                  throw new DebforgeException(ErrorKind.PLUGIN_FAILED, "compress_logs broke", null);
                }
              }
            },
            new ConfigLoader(List.of(), () -> "http://mirror.invalid/debian")
                .load("bookworm-amd64", List.of()),
            "rebuild",
            out,
            // No hook here uses the buildroot's capabilities: no engine behind them.
            new BuildrootAccess(null, () -> new RootLog(out.resolve("root.log"), s -> {})));
    assertThatThrownBy(() -> run(new FakeSteps()))
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.PLUGIN_FAILED);
    assertThat(events).contains("remove-root", "release");
    assertThat(resultJson().path("exit_reason").asText()).isEqualTo("plugin_failed");
  }
}
