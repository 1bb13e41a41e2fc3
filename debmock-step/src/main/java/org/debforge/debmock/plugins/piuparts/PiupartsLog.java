package org.debforge.debmock.plugins.piuparts;

import java.util.ArrayList;
import java.util.List;
import org.debforge.debmock.plugins.qa.JunitCase;
import org.debforge.debmock.plugins.qa.JunitCase.Result;

/**
 * The verdict of one piuparts run, read from its log as piuparts writes it (piuparts.py {@code
 * process_packages}): each scenario ends with {@code PASS:} or {@code FAIL:} and its name, the
 * upgrade scenario says {@code Can't test upgrade} when apt does not know the packages, and every
 * run ends with {@code piuparts run ends.} (INFO after success, ERROR after a failure). A run that
 * never got to a verdict, crashed, or failed before the packages were touched (apt-get update of
 * its chroot) is an error of the tool, not a failure of the package.
 */
public final class PiupartsLog {
  static final String INSTALL_PURGE = "install-purge";
  static final String UPGRADE = "install-upgrade-purge";

  private PiupartsLog() {}

  public static List<JunitCase> cases(String classname, String log, int exitCode) {
    List<JunitCase> out = new ArrayList<>();
    String tail = tail(log, 80);
    boolean ended = log.contains("piuparts run ends.");
    boolean crashed = log.contains("Piuparts caught exception");
    String firstError = firstError(log, 0);
    boolean infrastructure =
        firstError != null
            && firstError.contains("Command failed")
            && firstError.contains("'update'");
    if (crashed || !ended || infrastructure || (exitCode != 0 && firstError == null)) {
      String why =
          crashed
              ? "piuparts crashed (caught exception)"
              : !ended
                  ? "piuparts ended without a verdict (exit " + exitCode + ")"
                  : firstError != null ? firstError : "piuparts failed (exit " + exitCode + ")";
      out.add(JunitCase.of(classname, INSTALL_PURGE, Result.ERROR, why, tail));
      return out;
    }
    int pass = log.indexOf("PASS: Installation and purging test.");
    if (pass >= 0) {
      out.add(JunitCase.passed(classname, INSTALL_PURGE, null));
    } else {
      out.add(
          JunitCase.of(
              classname,
              INSTALL_PURGE,
              Result.FAILED,
              firstError != null ? firstError : "FAIL: Installation and purging test.",
              tail));
      out.add(
          JunitCase.of(
              classname, UPGRADE, Result.SKIPPED, "not run: the install-purge test failed", null));
      return out;
    }
    int upPass = log.indexOf("PASS: Installation, upgrade and purging tests.");
    int cannot = log.indexOf("Can't test upgrade");
    if (upPass >= 0) {
      out.add(JunitCase.passed(classname, UPGRADE, null));
    } else if (cannot >= 0) {
      out.add(JunitCase.of(classname, UPGRADE, Result.SKIPPED, lineAt(log, cannot), null));
    } else if (exitCode != 0 || log.contains("FAIL: Installation, upgrade and purging tests.")) {
      String err = firstError(log, pass);
      out.add(
          JunitCase.of(
              classname,
              UPGRADE,
              Result.FAILED,
              err != null ? err : "FAIL: Installation, upgrade and purging tests.",
              tail));
    } else {
      out.add(JunitCase.of(classname, UPGRADE, Result.SKIPPED, "not run by piuparts", null));
    }
    return out;
  }

  /** The first {@code ERROR:} line at or after {@code from}, without the timestamp; or null. */
  static String firstError(String log, int from) {
    int i = log.indexOf(" ERROR: ", from);
    if (i < 0) {
      return null;
    }
    String line = lineAt(log, i);
    return line.equals("piuparts run ends.") ? null : shorten(line);
  }

  private static String lineAt(String log, int i) {
    int start = log.lastIndexOf('\n', i) + 1;
    int end = log.indexOf('\n', i);
    String line = log.substring(start, end < 0 ? log.length() : end).strip();
    return line.replaceFirst("^\\d+m\\d+(\\.\\d+)?s (INFO|ERROR|DEBUG|WARNING|DUMP): ", "");
  }

  private static String shorten(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** The last {@code n} lines: where piuparts says to look first. */
  static String tail(String log, int n) {
    String[] lines = log.split("\n");
    int from = Math.max(0, lines.length - n);
    return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
  }
}
