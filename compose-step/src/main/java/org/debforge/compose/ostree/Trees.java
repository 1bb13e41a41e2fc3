package org.debforge.compose.ostree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File operations on a tree that never follow its symlinks (they point into the tree's /). */
final class Trees {
  private Trees() {}

  static boolean isDir(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  static boolean isEmptyDir(Path p) throws IOException {
    if (!isDir(p)) {
      return false;
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.findAny().isEmpty();
    }
  }

  /** Deletes a file or a whole folder (symlinks themselves, never what they point to). */
  static void delete(Path p) throws IOException {
    if (!exists(p)) {
      return;
    }
    if (isDir(p)) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(q);
        }
      }
    } else {
      Files.delete(p);
    }
  }

  /** Deletes what a folder holds, keeping the folder. */
  static void empty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path q : s.toList()) {
        delete(q);
      }
    }
  }

  static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  static void chmod(Path p, int mode) throws IOException {
    Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
  }

  /** A folder with that mode, made or re-moded. */
  static void dir(Path p, int mode) throws IOException {
    Files.createDirectories(p);
    chmod(p, mode);
  }
}
