package org.debforge.compose.repoclosure;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Runs Debian's {@code dose-distcheck} on a Packages index and reads which packages it finds not
 * installable ({@code --failures} report, output-version 1.2).
 */
public final class DoseDistcheck {
  private DoseDistcheck() {}

  /** The broken packages, as {@code name version arch}. */
  public static Set<String> broken(Path packages, String nativeArch, PrintWriter log) {
    ProcessBuilder pb =
        new ProcessBuilder(
                "dose-distcheck",
                "--deb-native-arch=" + nativeArch,
                "--failures",
                "--explain",
                "deb://" + packages.toAbsolutePath())
            .redirectErrorStream(true);
    log.println("repoclosure: " + String.join(" ", pb.command()));
    String out;
    int rc;
    try {
      Process p = pb.start();
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new DebforgeException(ErrorKind.TOOL_FAILED, "dose-distcheck timed out", null);
      }
      rc = p.exitValue();
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "cannot run dose-distcheck: " + e.getMessage(),
          "install Debian's dose-distcheck package (scripts/install-deps)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.TOOL_FAILED, "dose-distcheck: interrupted", null, e);
    }
    log.print(out);
    // 0: everything installable; 1: some package broken; anything else is dose failing.
    if (rc != 0 && rc != 1) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "dose-distcheck exited " + rc + " on " + packages,
          "see logs/repoclosure.log");
    }
    return parse(out);
  }

  /** The {@code name version arch} of each report entry (the entries at the report's top level). */
  static Set<String> parse(String report) {
    Set<String> out = new TreeSet<>();
    String[] lines = report.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("  package: ")) {
        String name = lines[i].substring(11).strip();
        String version = field(lines, i + 1, "  version: ");
        String arch = field(lines, i + 2, "  architecture: ");
        out.add(name + " " + version + " " + arch);
      }
    }
    return out;
  }

  private static String field(String[] lines, int i, String prefix) {
    if (i >= lines.length || !lines[i].startsWith(prefix)) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "dose-distcheck report line " + (i + 1) + ": expected '" + prefix.strip() + "'",
          "the installed dose-distcheck writes another report format than output-version 1.2");
    }
    return lines[i].substring(prefix.length()).strip();
  }
}
