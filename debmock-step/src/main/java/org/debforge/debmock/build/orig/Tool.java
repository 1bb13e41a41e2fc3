package org.debforge.debmock.build.orig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Runs git and pristine-tar in the user's tree, reading only. {@code safe.directory=*}: a workspace
 * checked out by another user (the Jenkins agent's) must still be read when deb-mock runs as root.
 */
final class Tool {
  /** What a command did; {@code err} is its standard error, stripped. */
  record Result(int code, String out, String err) {
    boolean ok() {
      return code == 0;
    }
  }

  private Tool() {}

  static Result git(Path cwd, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "safe.directory=*"));
    cmd.addAll(List.of(args));
    return run(cwd, cmd, null);
  }

  /** Runs {@code cmd}; with {@code stdout} set, standard output goes to that file. */
  static Result run(Path cwd, List<String> cmd, Path stdout) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    // pristine-tar runs git itself: the same safe.directory through git's environment config.
    pb.environment().put("GIT_CONFIG_COUNT", "1");
    pb.environment().put("GIT_CONFIG_KEY_0", "safe.directory");
    pb.environment().put("GIT_CONFIG_VALUE_0", "*");
    if (stdout != null) {
      pb.redirectOutput(stdout.toFile());
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      Process p = pb.start();
      // Both pipes drained at once: a chatty tool must not block on a full stderr pipe.
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      String out = stdout == null ? readAll(p.getInputStream()) : "";
      int code = p.waitFor();
      return new Result(code, out, err.join().strip());
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "cannot run " + cmd.get(0) + ": " + e.getMessage(),
          "install git and pristine-tar (scripts/install-deps)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.TOOL_FAILED, "interrupted running " + cmd, null, e);
    }
  }

  private static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes());
    } catch (IOException e) {
      return "";
    }
  }
}
