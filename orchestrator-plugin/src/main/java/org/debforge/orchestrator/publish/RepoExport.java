package org.debforge.orchestrator.publish;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Mirrors a published repository into a directory any web server can serve. Files are hard-linked
 * (every published file is immutable: it is replaced by rename, never modified) and copied only
 * across file systems. Order keeps the export consistent for a client reading it meanwhile: pool
 * first, then indexes, then the Release files, then stale files are removed.
 */
final class RepoExport {
  private RepoExport() {}

  static Path export(Path repo, Path dest) throws IOException {
    Files.createDirectories(dest);
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(repo)) {
      walk.filter(Files::isRegularFile)
          .map(p -> repo.relativize(p).toString())
          .filter(rel -> !hidden(rel))
          .forEach(files::add);
    }
    files.sort(Comparator.comparingInt(RepoExport::rank).thenComparing(Comparator.naturalOrder()));
    Set<String> wanted = new HashSet<>(files);
    for (String rel : files) {
      Path from = repo.resolve(rel);
      Path to = dest.resolve(rel);
      if (Files.exists(to) && Files.isSameFile(from, to)) {
        continue;
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
    List<Path> stale;
    try (Stream<Path> walk = Files.walk(dest)) {
      stale =
          walk.filter(Files::isRegularFile)
              .filter(p -> !wanted.contains(dest.relativize(p).toString()))
              .toList();
    }
    for (Path p : stale) {
      Files.delete(p);
    }
    return dest;
  }

  private static boolean hidden(String rel) {
    for (String part : rel.split("/")) {
      if (part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Pool, then indexes and by-hash, then Release files last. */
  private static int rank(String rel) {
    if (rel.startsWith("pool/")) {
      return 0;
    }
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    return name.equals("Release") || name.equals("InRelease") || name.equals("Release.gpg") ? 2 : 1;
  }
}
