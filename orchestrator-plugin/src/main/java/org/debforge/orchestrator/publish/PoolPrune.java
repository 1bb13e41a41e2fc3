package org.debforge.orchestrator.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.control.Paragraph;
import org.debforge.core.repo.SourcePackage;

/**
 * Removes from a published {@code pool/} what neither the live suites nor any snapshot names: an
 * untagged build disappears from the pool after the Release that dropped it, while a snapshot keeps
 * every file it lists.
 */
final class PoolPrune {
  private PoolPrune() {}

  /** Removes pool files outside {@code live} and the snapshots' indexes; returns how many. */
  static int prune(Path repo, Set<String> live) throws IOException {
    Path pool = repo.resolve("pool");
    if (!Files.isDirectory(pool)) {
      return 0;
    }
    Set<String> keep = new HashSet<>(live);
    keep.addAll(snapshotFiles(repo));
    int removed = 0;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(pool)) {
      files = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path f : files) {
      String rel = repo.relativize(f).toString();
      if (Files.isRegularFile(f) && !keep.contains(rel)) {
        Files.delete(f);
        removed++;
      } else if (Files.isDirectory(f) && !f.equals(pool) && isEmpty(f)) {
        Files.delete(f);
      }
    }
    return removed;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /** Pool paths named by the plain Packages and Sources of every snapshot of every suite. */
  static Set<String> snapshotFiles(Path repo) throws IOException {
    Set<String> names = new HashSet<>();
    Path dists = repo.resolve("dists");
    if (!Files.isDirectory(dists)) {
      return names;
    }
    List<Path> indexes;
    try (Stream<Path> walk = Files.walk(dists)) {
      indexes =
          walk.filter(p -> isSnapshot(repo.relativize(p).toString()))
              .filter(p -> !p.toString().contains("/by-hash/"))
              .filter(
                  p ->
                      p.getFileName().toString().equals("Packages")
                          || p.getFileName().toString().equals("Sources"))
              .toList();
    }
    for (Path index : indexes) {
      for (Paragraph p : Deb822.read(index)) {
        if (index.getFileName().toString().equals("Packages")) {
          p.get("Filename").ifPresent(n -> names.add(n.strip()));
        } else {
          SourcePackage src = new SourcePackage(p);
          for (FileChecksum f : src.files(ChecksumField.MD5)) {
            names.add(src.directory().strip() + "/" + f.name());
          }
        }
      }
    }
    return names;
  }

  /**
   * Below a suite's snapshots: {@code dists/.SUITE.snapshots/} (the walk does not follow the links
   * that make it {@code dists/SUITE/snapshots/}) or a legacy suite's {@code snapshots/}.
   */
  private static boolean isSnapshot(String rel) {
    return rel.contains("/snapshots/") || rel.contains(".snapshots/");
  }
}
