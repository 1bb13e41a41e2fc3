package org.debforge.debmock.plugins.qa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.QaReport;

/**
 * Where the QA plugins write: {@code RESULT/qa/} (raw logs) and {@code RESULT/qa/junit-NAME.xml},
 * the names the Jenkins step publishes. Files are written to a temporary name and renamed, so a
 * killed run never leaves a report that looks complete.
 */
public final class QaFiles {
  /** The result directory's subdirectory of every QA plugin. */
  public static final String DIR = "qa";

  private QaFiles() {}

  public static Path dir(HookContext c) {
    Path d = c.resultDir().resolve(DIR);
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot create " + d + ": " + e.getMessage(), null, e);
    }
    return d;
  }

  /** Writes {@code text} to {@code file} whole or not at all. */
  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot write " + file + ": " + e.getMessage(), null, e);
    }
  }

  /**
   * JUnit classname of a plugin's testcases: {@code debmock.qa.PLUGIN.SOURCE.ARCH}. Dots separate
   * packages in Jenkins' view, so a dot in the source name (python3.11) becomes {@code _}.
   */
  public static String classname(HookContext c, String plugin) {
    String source = c.sourcePackage() == null ? "unknown" : c.sourcePackage().replace('.', '_');
    return "debmock.qa." + plugin + "." + source + "." + arch(c);
  }

  /** The packages' architecture: the config's. */
  public static String arch(HookContext c) {
    Object a = c.config().get("architecture");
    return a == null ? "unknown" : a.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Writes {@code qa/junit-PLUGIN.xml} from {@code cases} and reports the verdict to the engine:
   * failed when a case failed, error when one erred (a tool that could not run is never a clean
   * report), skipped when every case was skipped, else passed.
   */
  public static QaReport report(
      HookContext c,
      String plugin,
      List<JunitCase> cases,
      String message,
      QaReport.OnFailure onFailure) {
    Path junit = dir(c).resolve("junit-" + plugin + ".xml");
    write(junit, JunitXml.render("debmock.qa." + plugin, cases));
    int failures = count(cases, JunitCase.Result.FAILED);
    int errors = count(cases, JunitCase.Result.ERROR);
    int skipped = count(cases, JunitCase.Result.SKIPPED);
    QaReport.Status status =
        errors > 0
            ? QaReport.Status.ERROR
            : failures > 0
                ? QaReport.Status.FAILED
                : skipped == cases.size() ? QaReport.Status.SKIPPED : QaReport.Status.PASSED;
    QaReport r =
        new QaReport(
            plugin,
            status,
            DIR + "/" + junit.getFileName(),
            cases.size(),
            failures,
            errors,
            skipped,
            message,
            onFailure);
    if (c.buildroot() != null) {
      c.buildroot().reportQa(r);
      c.buildroot().log(plugin + ": " + status.json() + (message == null ? "" : ": " + message));
    }
    return r;
  }

  private static int count(List<JunitCase> cases, JunitCase.Result r) {
    return (int) cases.stream().filter(x -> x.result() == r).count();
  }

  /**
   * Whether dpkg-buildpackage succeeded: the QA plugins check only built packages; after a failed
   * build there is nothing to check.
   */
  public static boolean buildSucceeded(HookContext c) {
    Object rc = c.result().get("build_exit_code");
    return rc instanceof Number n && n.intValue() == 0;
  }

  /** The build's /build directory on the host, where dpkg-buildpackage wrote the .changes. */
  public static Path buildOutput(HookContext c) {
    return c.buildroot().hostPath("/build");
  }

  /** The one .changes dpkg-buildpackage wrote in {@code dir}. */
  public static Path changes(Path dir) {
    try (var files = Files.list(dir)) {
      List<Path> all = files.filter(f -> f.toString().endsWith(".changes")).sorted().toList();
      if (all.isEmpty()) {
        throw new DebforgeException(
            ErrorKind.PLUGIN_FAILED,
            "no .changes in " + dir + " after a successful build",
            "read build.log");
      }
      return all.get(0);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "cannot list " + dir, null, e);
    }
  }

  /**
   * A tool's output as text: bytes that are not UTF-8 (a package's file names, a test's binary
   * output) become U+FFFD instead of failing the read.
   */
  public static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
