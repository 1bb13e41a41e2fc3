package org.debforge.compose.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The rootfs phase's log: every tool's output goes to it, each run under a {@code ==> } header, so
 * a failed compose is read in one file.
 */
final class PhaseLog {
  private final Path file;

  PhaseLog(Path file) {
    this.file = file;
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(
          file, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": cannot write the log: " + e, null, e);
    }
  }

  Path file() {
    return file;
  }

  /** The log's last lines, to quote in an error message (empty when unreadable). */
  String tail() {
    try {
      List<String> lines =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.startsWith("<== "))
              .toList();
      List<String> last = lines.subList(Math.max(0, lines.size() - 6), lines.size());
      return last.isEmpty() ? "" : ":\n  " + String.join("\n  ", last);
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  void line(String text) {
    try {
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": cannot write the log: " + e, null, e);
    }
  }

  /**
   * Runs a command with its output (stdout and stderr) appended to the log.
   *
   * @param env the whole environment of the command when not null (else the host's)
   * @return its exit status
   */
  int run(List<String> command, Map<String, String> env) {
    line("==> " + String.join(" ", command));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Process p = null;
    try {
      p = pb.start();
      int rc = p.waitFor();
      line("<== exit " + rc);
      return rc;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "cannot run " + command.get(0) + ": " + e.getMessage(),
          "install it: scripts/install-deps",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED, "interrupted while running " + command.get(0));
    }
  }
}
