package org.debforge.compose.image;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/** Runs the image's host tools through the tool log; a failure names the step and the log. */
final class Steps {
  private final ToolLog log;

  Steps(ToolLog log) {
    this.log = log;
  }

  ToolLog log() {
    return log;
  }

  void run(String step, String... command) {
    int rc = log.run(List.of(command), null);
    if (rc != 0) {
      throw failed(step, command[0], rc);
    }
  }

  String capture(String step, String... command) {
    ToolLog.Result r = log.run(List.of(command), true, null);
    if (r.exit() != 0) {
      throw failed(step, command[0], r.exit());
    }
    return r.stdout();
  }

  /** A command reading {@code input} on stdin (sfdisk's script); ToolLog gives /dev/null. */
  void runWithInput(String step, Path input, String... command) {
    log.line("==> " + String.join(" ", command) + " < " + input);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectInput(input.toFile());
    File f = log.file().toFile();
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(f));
    pb.redirectError(ProcessBuilder.Redirect.appendTo(f));
    long start = System.nanoTime();
    int rc;
    try {
      rc = pb.start().waitFor();
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "image: cannot run " + command[0] + ": " + e.getMessage(),
          "install it: scripts/install-deps",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.COMPOSE_FAILED, "image: interrupted in " + step);
    }
    log.line(
        String.format(Locale.ROOT, "<== exit %d (%.1f s)", rc, (System.nanoTime() - start) / 1e9));
    if (rc != 0) {
      throw failed(step, command[0], rc);
    }
  }

  private DebforgeException failed(String step, String tool, int rc) {
    return new DebforgeException(
        ErrorKind.COMPOSE_FAILED,
        "image: " + step + ": " + tool + " exited " + rc + log.tail(),
        "see " + log.file());
  }
}
