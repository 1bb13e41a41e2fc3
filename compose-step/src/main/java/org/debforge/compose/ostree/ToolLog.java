package org.debforge.compose.ostree;

import java.io.File;
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
 * The ostree phase's log: each tool run under a {@code ==> } header with its stderr (and stdout
 * unless captured), so a failed commit is read in one file.
 */
final class ToolLog {
  private final Path file;

  ToolLog(Path file) {
    this.file = file.toAbsolutePath();
    try {
      Files.createDirectories(this.file.getParent());
      Files.writeString(this.file, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": cannot write the log: " + e, null, e);
    }
  }

  Path file() {
    return file;
  }

  void line(String text) {
    try {
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": cannot write the log: " + e, null, e);
    }
  }

  /** The last lines of the log, to quote in an error message. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - 6), lines.size());
      return last.isEmpty() ? "" : ":\n  " + String.join("\n  ", last);
    } catch (IOException e) {
      return "";
    }
  }

  /** What a finished command printed on stdout, when captured. */
  record Result(int exit, String stdout) {}

  /**
   * Runs a command, stderr to the log; stdout captured when {@code capture}, else to the log.
   *
   * @param env the whole environment when not null (else the host's)
   */
  Result run(List<String> command, boolean capture, Map<String, String> env) {
    line("==> " + String.join(" ", command));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectError(ProcessBuilder.Redirect.appendTo(file.toFile()));
    if (!capture) {
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()));
    }
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Process p = null;
    long start = System.nanoTime();
    try {
      p = pb.start();
      String out =
          capture ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
      int rc = p.waitFor();
      line(
          String.format(
              java.util.Locale.ROOT,
              "<== exit %d (%.1f s)",
              rc,
              (System.nanoTime() - start) / 1e9));
      return new Result(rc, out);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "ostree: cannot run " + command.get(0) + ": " + e.getMessage(),
          "install it: scripts/install-deps",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED, "ostree: interrupted while running " + command.get(0));
    }
  }
}
