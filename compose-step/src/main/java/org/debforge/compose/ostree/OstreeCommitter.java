package org.debforge.compose.ostree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The ostree phase: a copy of the rootfs phase's root converted into an OSTree tree ({@link
 * TreeConverter}), checked ({@link TreeLint}), committed with the {@code ostree} CLI, a static
 * delta from the parent generated, and only then the ref moved to the new commit. Until that last
 * step the repository shows nothing new: the commit is made as an orphan, and on failure it and its
 * delta are removed again.
 */
public final class OstreeCommitter {
  private static final Map<String, String> ENV =
      Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8");

  /**
   * Converts and commits {@code request.rootfs()}.
   *
   * @throws DebforgeException COMPOSE_FAILED naming the step, path or rule, and the log
   */
  public OstreeCommit commit(OstreeRequest request) {
    check(request);
    ToolLog log = new ToolLog(request.log(), "ostree");
    Path repo = request.repo().toAbsolutePath().normalize();
    Path scratch;
    try {
      Files.createDirectories(request.work());
      scratch = Files.createTempDirectory(request.work(), ".ostree-tree-");
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          "ostree: cannot make a scratch folder in " + request.work() + ": " + e,
          null,
          e);
    }
    String checksum = null;
    boolean delta = false;
    Optional<String> previous = Optional.empty();
    boolean refMoved = false;
    try {
      initRepo(repo, log);
      previous = current(repo, request.ref(), log);
      request.parent().ifPresent(p -> requireCommit(repo, p, log));
      Path tree = scratch.resolve("tree");
      // A copy, never hard links: conversion and dracut write files, which would change the root.
      tool(
          log,
          List.of("cp", "-a", "--reflink=auto", request.rootfs().toString(), tree.toString()),
          "copy the root");
      Optional<String> kernel = TreeConverter.convert(tree, log);
      TreeLint.require(tree);
      log.line("ostree: tree lint passed");
      checksum =
          tool(log, commitCommand(repo, tree, request, kernel.isPresent()), "commit").strip();
      if (!checksum.matches("[0-9a-f]{64}")) {
        throw failed("ostree commit printed no checksum", log);
      }
      if (request.parent().isPresent()) {
        tool(
            log,
            ostree(
                repo,
                "static-delta",
                "generate",
                "--from=" + request.parent().get(),
                "--to=" + checksum),
            "static-delta generate");
        delta = true;
      }
      tool(log, ostree(repo, "refs", "--force", "--create=" + request.ref(), checksum), "refs");
      refMoved = true;
      tool(log, ostree(repo, "summary", "--update"), "summary");
      log.line(
          "ostree: " + request.ref() + " -> " + checksum + " (version " + request.version() + ")");
      return new OstreeCommit(
          checksum, request.ref(), request.version(), request.parent(), kernel, delta, repo);
    } catch (IOException | java.io.UncheckedIOException e) {
      log.line("==> ostree failed: " + e);
      undo(repo, request, new Made(checksum, delta, refMoved, previous), log);
      throw new DebforgeException(ErrorKind.IO, "ostree: " + e, "see " + log.file(), e);
    } catch (RuntimeException e) {
      log.line("==> ostree failed: " + e.getMessage());
      undo(repo, request, new Made(checksum, delta, refMoved, previous), log);
      throw e;
    } finally {
      try {
        Trees.delete(scratch);
      } catch (IOException e) {
        log.line("ostree: could not remove " + scratch + ": " + e);
      }
    }
  }

  static List<String> commitCommand(Path repo, Path tree, OstreeRequest r, boolean bootable) {
    List<String> c = new ArrayList<>(ostree(repo, "commit", "--orphan", "--tree=dir=" + tree));
    // An orphan commit gets no ref binding, and a pull by ref (ostree admin's sysroot repository
    // checks it) refuses a commit not bound to the ref asked for: bind it as --branch would.
    c.add("--bind-ref=" + r.ref());
    c.add("--subject=" + r.ref() + " " + r.version());
    c.add("--add-metadata-string=version=" + r.version());
    r.metadata().forEach((k, v) -> c.add("--add-metadata-string=" + k + "=" + v));
    c.add("--parent=" + r.parent().orElse("none"));
    if (bootable) {
      c.add("--bootable");
    }
    return c;
  }

  private static List<String> ostree(Path repo, String... args) {
    List<String> c = new ArrayList<>(List.of("ostree", "--repo=" + repo));
    c.addAll(List.of(args));
    return c;
  }

  private static void initRepo(Path repo, ToolLog log) throws IOException {
    if (Files.isRegularFile(repo.resolve("config"))) {
      return;
    }
    if (Files.isDirectory(repo)) {
      try (var s = Files.list(repo)) {
        if (s.findAny().isPresent()) {
          throw new DebforgeException(
              ErrorKind.COMPOSE_FAILED,
              "ostree: repo " + repo + " is a non-empty folder without an OSTree config",
              "give an OSTree repository or a new folder");
        }
      }
    }
    Files.createDirectories(repo);
    // archive: the mode served over HTTP and pulled from, which a compose publishes.
    tool(log, ostree(repo, "init", "--mode=archive"), "init");
  }

  private static void requireCommit(Path repo, String parent, ToolLog log) {
    if (log.run(ostree(repo, "show", parent), true, ENV).exit() != 0) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: parent " + parent + " is not a commit in " + repo,
          "the parent is the previous compose's commit in the same repository");
    }
  }

  /** What a failed run had made: the commit, whether its delta and ref, the ref's old commit. */
  private record Made(
      String checksum, boolean delta, boolean refMoved, Optional<String> previous) {}

  /**
   * The commit {@code ref} points at in {@code repo} now: the parent of the next commit on it.
   * Empty when the repository or the ref does not exist yet.
   */
  public static Optional<String> head(Path repo, String ref, ToolLog log) {
    if (!Files.isRegularFile(repo.resolve("config"))) {
      return Optional.empty();
    }
    return current(repo, ref, log);
  }

  /** The commit a ref points at now, if it exists. */
  private static Optional<String> current(Path repo, String ref, ToolLog log) {
    // Listed first, so that a new ref does not put a rev-parse error in the log.
    if (!log.run(ostree(repo, "refs"), true, ENV).stdout().lines().toList().contains(ref)) {
      return Optional.empty();
    }
    ToolLog.Result r = log.run(ostree(repo, "rev-parse", ref), true, ENV);
    String sum = r.stdout().strip();
    return r.exit() == 0 && sum.matches("[0-9a-f]{64}") ? Optional.of(sum) : Optional.empty();
  }

  /**
   * Leaves the repository as it was: the ref back where it pointed, the new commit, its delta and
   * its objects gone.
   */
  private static void undo(Path repo, OstreeRequest r, Made m, ToolLog log) {
    String checksum = m.checksum();
    if (checksum == null || !checksum.matches("[0-9a-f]{64}")) {
      return;
    }
    if (m.refMoved()) {
      log.run(
          m.previous().isPresent()
              ? ostree(repo, "refs", "--force", "--create=" + r.ref(), m.previous().get())
              : ostree(repo, "refs", "--delete", r.ref()),
          false,
          ENV);
    }
    if (m.delta()) {
      log.run(
          ostree(repo, "static-delta", "delete", r.parent().get() + "-" + checksum), false, ENV);
    }
    log.run(ostree(repo, "prune", "--delete-commit=" + checksum), false, ENV);
  }

  /** Runs a tool, returning its stdout; a non-zero exit is COMPOSE_FAILED naming the step. */
  private static String tool(ToolLog log, List<String> command, String step) {
    ToolLog.Result r = log.run(command, true, ENV);
    if (r.exit() != 0) {
      throw failed(step + ": " + command.get(0) + " exited " + r.exit(), log);
    }
    return r.stdout();
  }

  private static DebforgeException failed(String what, ToolLog log) {
    return new DebforgeException(
        ErrorKind.COMPOSE_FAILED,
        "ostree: " + what + "; see " + log.file() + log.tail(),
        "the log shows the tool's complaint");
  }

  /** Refuses a request before a copy of the whole root. */
  static void check(OstreeRequest r) {
    if (!Files.isDirectory(r.rootfs().resolve("usr"))) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "ostree: rootfs " + r.rootfs() + " is not a root (no usr/)",
          "the ostree phase commits the rootfs phase's root");
    }
    if (!isRoot()) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: needs root (the copy must keep every file's owner, dracut runs in the root)",
          "run tumbi-assembler compose as root, as CI does");
    }
  }

  private static boolean isRoot() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
