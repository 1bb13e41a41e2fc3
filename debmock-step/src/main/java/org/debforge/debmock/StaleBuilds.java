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
 * plugin) and a half-made {@code .new-PID-N} deps layer. Both carry the pid of the deb-mock that
 * made them; when no process with that pid is alive, the next build removes them. A pid reused by
 * another process keeps the leftover until that process is gone: never removes too much.
 */
final class StaleBuilds {
  /** Build roots named CONFIG-PID-HEX by {@code DebMock.newExt} (not --uniqueext or session). */
  private static final Pattern ROOT = Pattern.compile(".+-(\\d+)-[0-9a-f]{1,6}");

  private static final Pattern NEW_LAYER = Pattern.compile("\\.new-(\\d+)-\\d+");

  private StaleBuilds() {}

  static void sweep(Path buildsDir, Path depsDir, RootLog log) {
    for (Path p : list(buildsDir)) {
      if (dead(ROOT.matcher(p.getFileName().toString())) && Files.exists(p.resolve("lower"))) {
        try {
          BuildRoot.open(p, Path.of(Files.readString(p.resolve("lower")).strip())).remove();
          log.line("removed the stale build root " + p + " (its deb-mock is gone)");
        } catch (IOException | RuntimeException e) {
          log.line("cannot remove the stale build root " + p + ": " + e.getMessage());
        }
      }
    }
    for (Path p : list(depsDir)) {
      if (dead(NEW_LAYER.matcher(p.getFileName().toString()))) {
        try {
          org.debforge.debmock.chroot.Trees.deleteRecursively(p);
          log.line("removed the stale deps layer " + p + " (its deb-mock is gone)");
        } catch (IOException e) {
          log.line("cannot remove the stale deps layer " + p + ": " + e.getMessage());
        }
      }
    }
  }

  private static boolean dead(Matcher m) {
    if (!m.matches()) {
      return false;
    }
    try {
      long pid = Long.parseLong(m.group(1));
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
