package org.debforge.core.pgp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throw-away gpg home for interoperability tests: real gpg and gpgv, never the user's keys. */
final class GpgHome {
  record Result(int exit, String out, String err) {}

  final Path home;

  GpgHome(Path dir) throws IOException {
    this.home = Files.createDirectories(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(
        home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  Result gpg(String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("gpg", "--batch", "--no-tty", "--homedir", home.toString()));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  static Result run(List<String> cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  /** gpgv, as apt runs it: a keyring file, no trust database. */
  static Result gpgv(Path keyring, Path... files) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("gpgv", "--keyring", keyring.toString()));
    for (Path f : files) {
      cmd.add(f.toString());
    }
    return run(cmd);
  }

  void close() throws IOException, InterruptedException {
    run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"));
  }
}
