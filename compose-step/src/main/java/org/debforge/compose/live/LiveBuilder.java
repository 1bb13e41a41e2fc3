package org.debforge.compose.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.debforge.compose.tool.ToolLog;
import org.debforge.compose.tool.Tools;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Makes a live ISO with Debian's live-build ({@code lb config}, {@code lb build}) from the
 * compose's exact-set repository only: the repository is served on the loopback interface for the
 * run and named as every mirror, its key given to debootstrap and to apt in the chroot. Needs root
 * (lb build runs debootstrap and chroot).
 */
public final class LiveBuilder {
  /** What was made: the ISO at the request's target, and how long {@code lb build} took. */
  public record LiveIso(Path iso, double buildSeconds) {}

  public LiveIso build(LiveRequest r) {
    ToolLog log = new ToolLog(r.log(), "live");
    if (Files.exists(r.target())) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "live: " + r.target() + " exists already",
          "remove it, or compose into a new folder");
    }
    for (String tool : List.of("lb", "debootstrap")) {
      if (!Tools.onPath(tool)) {
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "live: " + tool + " is not installed",
            "install live-build and debootstrap: scripts/install-deps");
      }
    }
    if (!root()) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "live: live-build must run as root (lb build runs debootstrap, mount and chroot)",
          "compose as root, or make the live output failable: true to go on without it");
    }
    Path dir = r.work().toAbsolutePath();
    try {
      Files.createDirectories(dir);
      try (RepoServer server = RepoServer.serve(r.repo())) {
        log.line("live: the repository " + r.repo() + " is served at " + server.url());
        run(log, dir, LiveConfig.command(r, server.url()), "lb config");
        LiveConfig.write(r, dir);
        long start = System.nanoTime();
        run(log, dir, List.of("lb", "build"), "lb build");
        double seconds = (System.nanoTime() - start) / 1e9;
        Path iso = dir.resolve("live-image-" + r.arch() + ".hybrid.iso");
        if (!Files.isRegularFile(iso)) {
          throw new DebforgeException(
              ErrorKind.COMPOSE_FAILED,
              "live: lb build finished without " + iso.getFileName() + log.tail(),
              "see " + log.file());
        }
        Files.createDirectories(r.target().getParent());
        Path tmp = r.target().resolveSibling("." + r.target().getFileName() + ".part");
        Files.deleteIfExists(tmp);
        // work/ and the images folder share the compose's file system: a move, then a rename.
        Files.move(iso, tmp);
        Files.move(tmp, r.target(), StandardCopyOption.ATOMIC_MOVE);
        log.line(String.format("live: %s (%.0f s in lb build)", r.target(), seconds));
        return new LiveIso(r.target(), seconds);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED, "live: " + dir + ": " + e.getMessage(), "see " + log.file(), e);
    } finally {
      clean(log, dir);
    }
  }

  /** Whether this process runs as uid 0 (owner of /proc/self is the process's real user). */
  static boolean root() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static void run(ToolLog log, Path dir, List<String> command, String what) {
    List<String> inDir = new ArrayList<>(List.of("env", "-C", dir.toString()));
    inDir.addAll(command);
    int rc = log.run(inDir, environment());
    if (rc != 0) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "live: " + what + " exited " + rc + log.tail(),
          "see " + log.file() + " (each live-build stage starts with a '[DATE] lb STAGE' line)");
    }
  }

  /** The host's environment in the C locale, so live-build's and apt's messages read the same. */
  static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>(System.getenv());
    env.put("LC_ALL", "C");
    env.put("DEBIAN_FRONTEND", "noninteractive");
    env.remove("http_proxy");
    env.remove("HTTP_PROXY");
    return env;
  }

  /**
   * {@code lb clean --purge} unmounts what a failed build left mounted in the chroot; what is still
   * mounted is unmounted lazily, deepest first; then the folder goes. If anything stays mounted, so
   * does the folder: deleting through a bind mount would reach the host.
   */
  private static void clean(ToolLog log, Path dir) {
    if (!Files.isDirectory(dir.resolve("config"))) {
      return;
    }
    log.run(List.of("env", "-C", dir.toString(), "lb", "clean", "--purge"), environment());
    try {
      List<Path> left = new ArrayList<>(Mounts.below(dir));
      Collections.reverse(left);
      for (Path m : left) {
        log.run(List.of("umount", "--lazy", m.toString()), environment());
      }
      if (!Mounts.below(dir).isEmpty()) {
        log.line("live: " + Mounts.below(dir) + " still mounted; " + dir + " left in place");
        return;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      log.line("live: could not remove " + dir + ": " + e.getMessage());
    }
  }
}
