package org.debforge.compose.tool;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A phase's log: each tool run under a {@code ==> } header with its stderr (and stdout unless
 * captured) and an {@code <== exit N (T s)} line, so a failed phase is read in one file and its
 * slow steps are seen there.
 */
public final class ToolLog {
  private final Path file;
  private final String phase;

  /**
   * @param phase names the phase in errors about running a tool ({@code rootfs}, {@code ostree})
   */
  public ToolLog(Path file, String phase) {
    this.file = file.toAbsolutePath();
    this.phase = phase;
    try {
      Files.createDirectories(this.file.getParent());
      Files.writeString(this.file, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": cannot write the log: " + e, null, e);
    }
  }

  public Path file() {
    return file;
  }

  public void line(String text) {
    try {
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": cannot write the log: " + e, null, e);
    }
  }

  /** The log's last lines, to quote in an error message (empty when unreadable). */
  public String tail() {
    try {
      // The exit lines say nothing the error message does not.
      List<String> lines =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.startsWith("<== "))
              .toList();
      List<String> last = lines.subList(Math.max(0, lines.size() - 6), lines.size());
      return last.isEmpty() ? "" : ":\n  " + String.join("\n  ", last);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /** What a finished command printed on stdout, when captured. */
  public record Result(int exit, String stdout) {}

  /**
   * Runs a command with stdout and stderr appended to the log.
   *
   * @param env the whole environment of the command when not null (else the host's)
   * @return its exit status
   */
  public int run(List<String> command, Map<String, String> env) {
    return run(command, false, env).exit();
  }

  /**
   * Runs a command, stderr to the log; stdout captured when {@code capture}, else to the log.
   *
   * @param env the whole environment when not null (else the host's)
   */
  public Result run(List<String> command, boolean capture, Map<String, String> env) {
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
              Locale.ROOT, "<== exit %d (%.1f s)", rc, (System.nanoTime() - start) / 1e9));
      return new Result(rc, out);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          phase + ": cannot run " + command.get(0) + ": " + e.getMessage(),
          "install it: scripts/install-deps",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED, phase + ": interrupted while running " + command.get(0));
    }
  }
}
