package org.debforge.compose.ostree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real ostree CLI, reading what the committer wrote. */
final class Ostree {
  private final Path repo;

  /**
   * @param repo the repository, or null for commands that take none ({@code admin})
   */
  Ostree(Path repo) {
    this.repo = repo;
  }

  /** Runs {@code ostree --repo=REPO ARGS}, requiring exit 0; returns stdout and stderr. */
  String run(String... args) throws Exception {
    Result r = tryRun(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.output()).isZero();
    return r.output();
  }

  record Result(int exit, String output) {}

  Result tryRun(String... args) throws Exception {
    List<String> c = new ArrayList<>(List.of("ostree"));
    if (repo != null) {
      c.add("--repo=" + repo);
    }
    c.addAll(List.of(args));
    Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  /** The files under a folder (none when it is empty). */
  static java.util.stream.Stream<Path> files(Path dir) {
    try {
      return java.nio.file.Files.list(dir).toList().stream();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
