package org.debforge.debmock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.build.SourcePackage;
import org.debforge.debmock.chroot.RootLog;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.QaReport;
import org.debforge.debmock.plugin.api.QaReport.OnFailure;
import org.debforge.debmock.result.Artifact;
import org.debforge.debmock.result.BuildResult;
import org.debforge.debmock.result.StateLog;

/**
 * The order of one rebuild, apart from what each step does: phases and their state.log entries, the
 * hooks between them, cleanup after success, failure and cancel, and result.json on every path.
 * What the steps do (make a root, install build dependencies with apt or a cached layer, run
 * dpkg-buildpackage) is {@link Steps}; so the lifecycle is tested with fake steps, without root.
 */
final class BuildLifecycle {
  /** What a rebuild does at each point of its lifecycle. */
  interface Steps {
    /** Reads and checks the source package (download, checksums, signature). */
    SourcePackage validate();

    /** Before the root exists: a hermetic build checks its lock's packages here. */
    void verifyInputs(StateLog state);

    /** Makes the build root (firing preinit/postinit/initfailed itself, as sessions do). */
    void init();

    void copySource();

    void unpack();

    /** Installs the build dependencies, as its own phases in {@code state}. */
    void installBuildDeps(StateLog state);

    void build();

    /** The .changes and the files it lists, copied to the result directory. */
    List<Artifact> collect();

    /** Whether a root was made (init got that far), so there is something to remove or keep. */
    boolean hasRoot();

    /** Whether the options keep the root after the build (--no-cleanup-after, --no-clean). */
    boolean keepsRoot();

    void removeRoot();

    void keepRoot();

    /** Releases what the build held until its root was gone (a shared deps layer). */
    void release();
  }

  /**
   * How one rebuild ended, for result.json; {@code qa} holds the QA plugins' verdicts
   * (result.json's {@code qa}).
   */
  record Outcome(
      SourcePackage source,
      List<Artifact> artifacts,
      DebforgeException failure,
      boolean canceled,
      List<QaReport> qa) {
    Outcome {
      qa = qa == null ? List.of() : List.copyOf(qa);
    }

    /**
     * succeeded, failed, canceled, or unstable: the packages built and were collected, but a QA
     * plugin did not pass (and its on_failure is unstable, else the build failed).
     */
    String status() {
      return canceled
          ? "canceled"
          : failure != null ? "failed" : unstable(qa) ? "unstable" : "succeeded";
    }

    /** result.json's {@code qa}: each QA plugin's report by name. */
    Map<String, Object> qaJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      qa.forEach(r -> m.put(r.plugin(), r.toJson()));
      return m;
    }
  }

  static boolean unstable(List<QaReport> qa) {
    return qa.stream().anyMatch(QaReport::notPassed);
  }

  /**
   * The failure of a build whose packages were collected but a QA plugin with {@code on_failure:
   * fail} did not pass; null when none.
   */
  static DebforgeException qaFailure(List<QaReport> qa) {
    List<QaReport> failing =
        qa.stream().filter(r -> r.notPassed() && r.onFailure() == OnFailure.FAIL).toList();
    if (failing.isEmpty()) {
      return null;
    }
    QaReport first = failing.get(0);
    return new DebforgeException(
        ErrorKind.PLUGIN_FAILED,
        "QA failed after the build: "
            + String.join(
                "; ",
                failing.stream()
                    .map(r -> r.plugin() + " " + r.status().json() + ": " + r.message())
                    .toList()),
        "read "
            + (first.junit() == null ? "qa/ in the result directory" : first.junit())
            + "; --plugin-option "
            + first.plugin()
            + ":on_failure=unstable keeps such a build as unstable");
  }

  private final HookFirer hooks;
  private final StateLog state;
  private final RootLog rootLog;
  private final BooleanSupplier canceled;

  BuildLifecycle(HookFirer hooks, StateLog state, RootLog rootLog, BooleanSupplier canceled) {
    this.hooks = hooks;
    this.state = state;
    this.rootLog = rootLog;
    this.canceled = canceled;
  }

  /**
   * Runs the steps, then writes result.json from {@code record} whatever happened; throws the
   * failure (after writing) when the build failed or was canceled.
   */
  BuildResult run(Steps steps, Function<Outcome, BuildResult> record, java.nio.file.Path out) {
    List<Artifact> artifacts = new ArrayList<>();
    DebforgeException failure = null;
    SourcePackage source = null;
    try {
      source = state.phase("validate source", steps::validate);
      hooks.source = source;
      steps.verifyInputs(state);
      state.phase("init", steps::init);
      hooks.fire(HookStage.MOUNT_ROOT);
      state.phase("copy source", steps::copySource);
      hooks.fire(HookStage.EARLYPREBUILD);
      state.phase("unpack", steps::unpack);
      steps.installBuildDeps(state);
      hooks.fire(HookStage.POSTDEPS);
      hooks.fire(HookStage.PREBUILD);
      try {
        state.phase("build", steps::build);
      } finally {
        hooks.fire(HookStage.POSTBUILD);
      }
      artifacts.addAll(state.phase("collect", (Supplier<List<Artifact>>) steps::collect));
      // After the collect: a build whose QA failed keeps its packages for inspection.
      DebforgeException qaFailed = qaFailure(hooks.buildroot.qaReports());
      if (qaFailed != null) {
        throw qaFailed;
      }
    } catch (DebforgeException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new DebforgeException(ErrorKind.INTERNAL, "internal error: " + e, null, e);
    } finally {
      failure = finish(steps, failure);
    }
    boolean wasCanceled = canceled.getAsBoolean();
    if (wasCanceled) {
      failure =
          new DebforgeException(
              failure == null ? ErrorKind.BUILD_FAILED : failure.kind(),
              "canceled by SIGINT/SIGTERM",
              "nothing is left behind; run the build again");
    }
    BuildResult result =
        record.apply(
            new Outcome(source, artifacts, failure, wasCanceled, hooks.buildroot.qaReports()));
    result.write(out);
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  /**
   * The end of every path: the last hooks (none after a cancel: the JVM is exiting and plugins may
   * start processes), then the root removed or kept, then what the build held released.
   */
  private DebforgeException finish(Steps steps, DebforgeException failure) {
    boolean cancel = canceled.getAsBoolean();
    hooks.result.put(
        "status",
        cancel
            ? "canceled"
            : failure != null
                ? "failed"
                : unstable(hooks.buildroot.qaReports()) ? "unstable" : "succeeded");
    if (!cancel) {
      try {
        hooks.fire(HookStage.UMOUNT_ROOT);
        hooks.fire(HookStage.POSTUMOUNT);
        hooks.fire(HookStage.PROCESS_LOGS);
      } catch (DebforgeException e) {
        failure = failure == null ? e : failure;
      }
    } else {
      rootLog.line("canceled (SIGINT/SIGTERM): the build's processes were killed");
    }
    try {
      if (steps.hasRoot() && !steps.keepsRoot()) {
        if (!cancel) {
          hooks.fire(HookStage.CLEAN);
        }
        steps.removeRoot();
        if (!cancel) {
          hooks.fire(HookStage.POSTCLEAN);
        }
      } else if (steps.hasRoot()) {
        steps.keepRoot();
      }
    } catch (DebforgeException e) {
      failure = failure == null ? e : failure;
    } finally {
      steps.release();
    }
    return failure;
  }
}
