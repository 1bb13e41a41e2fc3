package org.debforge.ostree.tool;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Runs the host tools apt-ostree drives (ostree, dpkg in bwrap, apt-get, systemd-tmpfiles) with a
 * fixed environment; every command and its stderr go to an optional log, so a failed transaction is
 * read in one file.
 */
public final class Tool {
  /** The environment of every tool: nothing of the caller's (locale, proxies of a shell) leaks. */
  public static final Map<String, String> ENV =
      Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8");

  private final Path log;

  /**
   * @param log appended to, or null for no log
   */
  public Tool(Path log) {
    this.log = log;
  }

  public record Result(int exit, String stdout, String stderr) {}

  /** Runs a command; a non-zero exit is returned, not thrown. */
  public Result run(List<String> argv) {
    return run(argv, ENV);
  }

  public Result run(List<String> argv, Map<String, String> env) {
    line("==> " + String.join(" ", argv));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "cannot run " + argv.get(0) + ": " + e.getMessage(),
          "install it: scripts/install-deps",
          e);
    }
    try {
      // Both streams read at once: a tool filling one pipe while we wait on the other hangs.
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(err.join(), StandardCharsets.UTF_8);
      int rc = p.waitFor();
      if (!stderr.isEmpty()) {
        line(stderr.stripTrailing());
      }
      line(
          String.format(
              Locale.ROOT, "<== exit %d (%.1f s)", rc, (System.nanoTime() - start) / 1e9));
      return new Result(rc, out, stderr);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, argv.get(0) + ": " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new DebforgeException(ErrorKind.IO, "interrupted while running " + argv.get(0));
    }
  }

  /** Runs a command and returns its stdout; a non-zero exit is TOOL_FAILED naming {@code what}. */
  public String check(List<String> argv, String what) {
    Result r = run(argv);
    if (r.exit() != 0) {
      throw failed(what, argv, r);
    }
    return r.stdout();
  }

  public DebforgeException failed(String what, List<String> argv, Result r) {
    String err = r.stderr().strip();
    List<String> lines = err.lines().toList();
    String tail = String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    return new DebforgeException(
        ErrorKind.TOOL_FAILED,
        what + ": " + argv.get(0) + " exited " + r.exit() + (tail.isEmpty() ? "" : ":\n  " + tail),
        log == null ? "rerun with --verbose" : "the whole output is in " + log);
  }

  public void line(String text) {
    if (log == null) {
      return;
    }
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Files.writeString(
          log,
          text + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, log + ": cannot write the log: " + e, null, e);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
