package org.debforge.debmock.plugins.lintian;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.chroot.Trees;
import org.debforge.debmock.plugins.qa.QaFiles;

/**
 * One lintian run on the host. lintian unpacks the package's files, which came out of an
 * unprivileged build, so it runs as {@code nobody} (it warns against root itself) with a clean
 * environment and a scratch directory of its own as HOME and TMPDIR.
 *
 * @param path the PATH lintian is looked up in (the JVM's)
 * @param scratch a directory for lintian's temporary files, removed afterwards
 */
record LintianRun(String path, Path scratch) {
  static final int NOBODY = 65534;

  /**
   * How a run ended: lintian's exit code and output (stdout then stderr), and a problem when it did
   * not give a usable report: not installed, exit 2 or more, killed.
   */
  record Outcome(int exitCode, String output, String problem) {}

  /** The lintian executable on {@code path}, or null. */
  Path find() {
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (d.isEmpty()) {
        continue;
      }
      Path p = Path.of(d, "lintian");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  Outcome run(Path changes, List<String> extraArgs) {
    Path lintian = find();
    if (lintian == null) {
      return new Outcome(
          -1,
          "",
          "lintian is not installed (not found on PATH "
              + path
              + "); install it"
              + " (scripts/install-deps lists it) or disable the lintian plugin");
    }
    try {
      Files.createDirectories(scratch);
      Files.setAttribute(scratch, "unix:uid", NOBODY);
      Files.setAttribute(scratch, "unix:gid", NOBODY);
      Path out = scratch.resolve("out.txt");
      Path err = scratch.resolve("err.txt");
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "setpriv",
                  "--reuid=" + NOBODY,
                  "--regid=" + NOBODY,
                  "--clear-groups",
                  "env",
                  "-i",
                  "PATH=/usr/local/bin:/usr/bin:/bin",
                  "LANG=C.UTF-8",
                  "HOME=" + scratch,
                  "TMPDIR=" + scratch,
                  lintian.toString(),
                  "--no-cfg",
                  "--color",
                  "never",
                  "--tag-display-limit",
                  "0",
                  "--fail-on",
                  "error"));
      cmd.addAll(extraArgs);
      cmd.add(changes.toString());
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      int rc = p.waitFor();
      String stdout = QaFiles.read(out);
      String stderr = QaFiles.read(err);
      String all = stdout + (stderr.isEmpty() ? "" : "\n--- lintian's stderr ---\n" + stderr);
      if (rc >= 2 || rc < 0) {
        // 2: lintian could not check the files; above 128: killed by a signal.
        return new Outcome(
            rc,
            all,
            "lintian failed itself (exit "
                + rc
                + "): "
                + lastLine(stderr.isBlank() ? stdout : stderr));
      }
      return new Outcome(rc, all, null);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED, "lintian: cannot run " + lintian + ": " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.TOOL_FAILED, "lintian: interrupted", null, e);
    } finally {
      try {
        Trees.deleteRecursively(scratch);
      } catch (IOException e) {
        // inside the build root's directory: removed with it
      }
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 || lines[lines.length - 1].isBlank()
        ? "(no output)"
        : lines[lines.length - 1].strip();
  }
}
