package org.debforge.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.chroot.RootLog;

/**
 * What a deb-mock killed with SIGKILL leaves behind: no mount inside a root (those die with the
 * namespaces), but its build root directory (and the tmpfs mounted there on the host by the tmpfs
 * plugin) and a half-made {@code .new-PID-N} deps layer. A build claims its fresh root with a
 * {@code deb-mock.pid} file, removed when the build ends (also when the root is kept); the next
 * build removes roots whose claiming process is gone, and {@code .new-PID-N} layers likewise. A pid
 * reused by another process keeps the leftover until that process is gone: never too much.
 */
final class StaleBuilds {
  static final String PID_FILE = "deb-mock.pid";

  private static final Pattern NEW_LAYER = Pattern.compile("\\.new-(\\d+)-\\d+");

  private StaleBuilds() {}

  /** Marks {@code dir} as the root of this live deb-mock. */
  static void claim(Path dir) {
    try {
      Files.writeString(dir.resolve(PID_FILE), ProcessHandle.current().pid() + "\n");
    } catch (IOException e) {
      // Without the claim a killed build's root waits for --clean; the build itself is fine.
    }
  }

  /** The build ended: a kept root is the user's now, not a leftover. */
  static void release(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve(PID_FILE));
    } catch (IOException e) {
      // a kept root with a stale claim is removed by a later build; harmless for this one
    }
  }

  static void sweep(Path buildsDir, Path depsDir, RootLog log) {
    for (Path p : list(buildsDir)) {
      if (dead(claimedBy(p)) && Files.exists(p.resolve("lower"))) {
        try {
          BuildRoot.open(p, Path.of(Files.readString(p.resolve("lower")).strip())).remove();
          log.line("removed the stale build root " + p + " (its deb-mock is gone)");
        } catch (IOException | RuntimeException e) {
          log.line("cannot remove the stale build root " + p + ": " + e.getMessage());
        }
      }
    }
    for (Path p : list(depsDir)) {
      Matcher m = NEW_LAYER.matcher(p.getFileName().toString());
      if (m.matches() && dead(m.group(1))) {
        try {
          org.debforge.debmock.chroot.Trees.deleteRecursively(p);
          log.line("removed the stale deps layer " + p + " (its deb-mock is gone)");
        } catch (IOException e) {
          log.line("cannot remove the stale deps layer " + p + ": " + e.getMessage());
        }
      }
    }
  }

  private static String claimedBy(Path root) {
    try {
      return Files.readString(root.resolve(PID_FILE)).strip();
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean dead(String pidText) {
    if (pidText == null) {
      return false;
    }
    try {
      long pid = Long.parseLong(pidText);
      return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
