package org.debforge.orchestrator.publish;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.debforge.core.repo.SuiteUpdater;

/**
 * Mirrors a published repository into a directory any web server can serve. Files are hard-linked
 * (every published file is immutable: it is replaced by rename, never modified) and copied only
 * across file systems; symbolic links are made again. Order keeps the export consistent for a
 * client reading it meanwhile, and after a crash: pool first, then the suites' generation
 * directories, the links last (the {@code dists/SUITE} link makes a generation live in one rename,
 * see {@link SuiteUpdater}), then stale files are removed.
 */
final class RepoExport {
  private RepoExport() {}

  static Path export(Path repo, Path dest) throws IOException {
    Files.createDirectories(dest);
    List<String> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(repo)) {
      walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
          .map(p -> repo.relativize(p).toString())
          .filter(rel -> !internal(rel))
          .forEach(entries::add);
    }
    entries.sort(
        Comparator.comparingInt((String rel) -> rank(repo, rel))
            .thenComparing(Comparator.naturalOrder()));
    Set<String> wanted = new HashSet<>(entries);
    for (String rel : entries) {
      Path from = repo.resolve(rel);
      Path to = dest.resolve(rel);
      if (Files.isSymbolicLink(from)) {
        placeLink(Files.readSymbolicLink(from), to);
      } else {
        placeFile(from, to);
      }
    }
    List<Path> stale;
    try (Stream<Path> walk = Files.walk(dest)) {
      stale =
          walk.filter(
                  p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
              .filter(p -> !wanted.contains(dest.relativize(p).toString()))
              .toList();
    }
    for (Path p : stale) {
      Files.delete(p);
    }
    removeEmptyDirectories(dest);
    return dest;
  }

  private static void placeFile(Path from, Path to) throws IOException {
    if (Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(from, to)) {
      return;
    }
    Files.createDirectories(to.getParent());
    Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      try {
        Files.createLink(tmp, from);
      } catch (FileSystemException | UnsupportedOperationException e) {
        Files.copy(from, tmp);
      }
      Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A link made by rename over the old one. A suite exported before generations is a directory: it
   * is moved aside first (the one moment the export shows no suite), then deleted.
   */
  private static void placeLink(Path target, Path to) throws IOException {
    if (Files.isSymbolicLink(to) && Files.readSymbolicLink(to).equals(target)) {
      return;
    }
    Files.createDirectories(to.getParent());
    Path aside = null;
    if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
      aside = to.resolveSibling("." + to.getFileName() + ".tmp-" + UUID.randomUUID());
      Files.move(to, aside, StandardCopyOption.ATOMIC_MOVE);
    }
    Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createSymbolicLink(tmp, target);
      Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (aside != null) {
      deleteTree(aside);
    }
  }

  /** The lock file and work files of unfinished updates are not part of the repository. */
  private static boolean internal(String rel) {
    if (rel.equals(".lock")) {
      return true;
    }
    for (String part : rel.split("/")) {
      if (SuiteUpdater.isWorkFile(part)) {
        return true;
      }
    }
    return false;
  }

  /** Pool, then indexes and by-hash, then Release files, then links (the suites' own last). */
  private static int rank(Path repo, String rel) {
    if (rel.startsWith("pool/")) {
      return 0;
    }
    if (Files.isSymbolicLink(repo.resolve(rel))) {
      return rel.chars().filter(c -> c == '/').count() == 1 ? 4 : 3;
    }
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    return name.equals("Release") || name.equals("InRelease") || name.equals("Release.gpg") ? 2 : 1;
  }

  private static void removeEmptyDirectories(Path dest) throws IOException {
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(dest)) {
      dirs =
          walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> !p.equals(dest))
              .sorted(Comparator.reverseOrder())
              .toList();
    }
    for (Path d : dirs) {
      try (Stream<Path> list = Files.list(d)) {
        if (list.findAny().isEmpty()) {
          Files.delete(d);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
