package org.debforge.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the committed launchers under {@code bin/} as a user would, for black-box {@code *IT} tests
 * (failsafe runs them after {@code package} has built the distribution).
 */
public final class Launcher {
  /** What a launcher did. */
  public record Run(int exitCode, String stdout, String stderr) {}

  private Launcher() {}

  /** The repository root: the {@code debforge.root} system property, else the parent directory. */
  public static Path root() {
    return Path.of(System.getProperty("debforge.root", "..")).toAbsolutePath().normalize();
  }

  public static Run run(String launcher, String... args) {
    return run(launcher, null, Map.of(), null, args);
  }

  /**
   * @param launcher "debforge", "deb-mock", ... (a file in bin/)
   * @param stdin text fed to standard input, or null for none
   * @param env extra environment variables
   * @param cwd working directory, or null for the repository root
   */
  public static Run run(
      String launcher, String stdin, Map<String, String> env, Path cwd, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(root().resolve("bin").resolve(launcher).toString());
    cmd.addAll(List.of(args));
    return exec(cmd, stdin, env, cwd == null ? root() : cwd);
  }

  /**
   * Runs any command to completion (ten minutes at most), with {@code stdin} (or nothing) on its
   * standard input, {@code env} added to the environment, in {@code cwd} (or the current dir).
   */
  public static Run exec(List<String> cmd, String stdin, Map<String, String> env, Path cwd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    pb.environment().putAll(env);
    try {
      Path out = Files.createTempFile("launcher", ".out");
      Path err = Files.createTempFile("launcher", ".err");
      try {
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new AssertionError("timed out: " + cmd);
        }
        return new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
