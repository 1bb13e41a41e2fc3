package org.debforge.debmock.plugins.autopkgtest;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.chroot.Trees;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;
import org.debforge.debmock.plugin.api.QaReport.OnFailure;
import org.debforge.debmock.plugin.api.ScratchRoot;
import org.debforge.debmock.plugins.qa.JunitCase;
import org.debforge.debmock.plugins.qa.QaFiles;

/**
 * The source's own debian/tests, run by real autopkgtest against the built .debs after a successful
 * build. The testbed is a throw-away overlay of the build's cached base root ({@link ScratchRoot}),
 * mounted by deb-mock in private namespaces, and autopkgtest drives it with its {@code chroot} virt
 * server ({@code -- chroot DIR}): no copy or tarball of the root (autopkgtest-virt-unshare would
 * need one), no revert needed (the root is discarded), and autopkgtest-virt-null would have to
 * install autopkgtest into the root. Output in {@code qa/autopkgtest/} (summary, log, each test's
 * stdout and stderr), JUnit in {@code qa/junit-autopkgtest.xml}.
 */
@AutoService(DebMockPlugin.class)
public final class AutopkgtestPlugin implements DebMockPlugin<AutopkgtestPlugin.Options> {
  public static final String NAME = "autopkgtest";

  /**
   * @param onFailure unstable or fail
   * @param timeout seconds one test may run (autopkgtest --timeout-test)
   * @param extraArgs more autopkgtest arguments, before the {@code --} of the virt server
   */
  public record Options(
      @Doc("unstable or fail: a build whose QA did not pass") String onFailure,
      @Doc("Seconds one test may run") int timeout,
      @Doc("More autopkgtest arguments") List<String> extraArgs) {
    public static final Options DEFAULTS = new Options("unstable", 10000, List.of());

    public Options {
      OnFailure.of(onFailure);
      if (timeout <= 0) {
        throw new IllegalArgumentException("timeout " + timeout + ": seconds, more than 0");
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
    return "Run the source's debian/tests with autopkgtest in a throw-away root after the build";
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
    String classname = QaFiles.classname(c, NAME);
    OnFailure policy = OnFailure.of(o.onFailure());
    Path qa = QaFiles.dir(c);
    Path out = qa.resolve("autopkgtest");
    Path build = QaFiles.buildOutput(c);
    Path dsc = build.resolve(Path.of(c.extra().get("dsc")).getFileName().toString());
    if (!hasTests(c.buildDir(), dsc)) {
      String why = "no debian/tests in " + c.sourcePackage();
      QaFiles.report(
          c,
          NAME,
          List.of(JunitCase.of(classname, "(all tests)", JunitCase.Result.SKIPPED, why, null)),
          why,
          policy);
      return;
    }
    if (!Files.isExecutable(Path.of("/usr/bin/autopkgtest"))) {
      String why =
          "autopkgtest is not installed (/usr/bin/autopkgtest); install it (scripts/install-deps)";
      QaFiles.report(
          c,
          NAME,
          List.of(JunitCase.of(classname, "(all tests)", JunitCase.Result.ERROR, why, null)),
          why,
          policy);
      return;
    }
    Path tmp = qa.resolve(".autopkgtest.tmp");
    Path summary = qa.resolve(".autopkgtest-summary.tmp");
    int rc;
    try {
      Trees.deleteRecursively(tmp);
      Files.deleteIfExists(summary);
      try (ScratchRoot root = c.buildroot().scratchRoot(NAME)) {
        List<String> cmd =
            new ArrayList<>(
                List.of(
                    "autopkgtest",
                    "--output-dir=" + tmp,
                    "--summary-file=" + summary,
                    "--timeout-test=" + o.timeout()));
        cmd.addAll(o.extraArgs());
        debs(build).forEach(d -> cmd.add(d.toString()));
        cmd.add(dsc.toString());
        cmd.addAll(List.of("--", "chroot", root.mountPoint().toString()));
        c.buildroot().log("autopkgtest: " + String.join(" ", cmd));
        rc = root.runOnHost(cmd, Map.of(), true, root.workDir().resolve("console.log"));
        Files.createDirectories(tmp);
        Files.move(
            root.workDir().resolve("console.log"),
            tmp.resolve("console.log"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      String text = Files.exists(summary) ? QaFiles.read(summary) : "";
      if (Files.exists(summary)) {
        Files.move(summary, tmp.resolve("summary"), StandardCopyOption.REPLACE_EXISTING);
      }
      Trees.deleteRecursively(out);
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      List<JunitCase> cases =
          AutopkgtestSummary.cases(classname, AutopkgtestSummary.parse(text), t -> testLog(out, t));
      if (rc >= 16 || cases.isEmpty() && rc != 8) {
        // 16: the testbed failed, 20: autopkgtest itself; no verdict is a clean report.
        String why = "autopkgtest failed itself (exit " + rc + "); read qa/autopkgtest/console.log";
        cases = new ArrayList<>(cases);
        cases.add(JunitCase.of(classname, "autopkgtest", JunitCase.Result.ERROR, why, null));
      }
      long failed = cases.stream().filter(x -> x.result() == JunitCase.Result.FAILED).count();
      QaFiles.report(
          c,
          NAME,
          cases,
          cases.size() + " test(s), " + failed + " failed, exit " + rc + " (qa/autopkgtest/)",
          policy);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "autopkgtest: " + e.getMessage(), null, e);
    }
  }

  /** Whether the source declares tests: debian/tests/control, or a Testsuite field (autodep8). */
  static boolean hasTests(Path tree, Path dsc) {
    if (tree != null && Files.isRegularFile(tree.resolve("debian/tests/control"))) {
      return true;
    }
    try {
      return QaFiles.read(dsc).lines().anyMatch(l -> l.startsWith("Testsuite:"));
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> debs(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".deb")).sorted().toList();
    }
  }

  /** The end of a test's stdout and stderr, as autopkgtest kept them in the output directory. */
  static String testLog(Path out, String test) {
    StringBuilder b = new StringBuilder();
    for (String suffix : List.of("-stdout", "-stderr")) {
      Path f = out.resolve(test + suffix);
      if (!test.contains("/") && Files.isRegularFile(f)) {
        try {
          String t = QaFiles.read(f);
          b.append("--- ").append(test).append(suffix).append(" ---\n");
          b.append(t.length() > 8000 ? "..." + t.substring(t.length() - 8000) : t);
        } catch (IOException e) {
          // a binary or unreadable log is not shown in the report; it stays in qa/autopkgtest/
        }
      }
    }
    return b.toString();
  }
}
