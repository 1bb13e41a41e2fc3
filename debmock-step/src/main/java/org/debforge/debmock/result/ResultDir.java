package org.debforge.debmock.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A build's result directory before the build: a previous build's packages left in it would be
 * archived, fingerprinted and imported again with the new ones (then {@code tagArtifact} fails on
 * "several .changes files"), so a build refuses such a directory unless told to clean it ({@code
 * --clean-resultdir}), and cleaning removes only what a build writes there.
 */
public final class ResultDir {
  /** What a build collects: packages, .changes, .buildinfo, and the source package built. */
  private static final Pattern PACKAGES =
      Pattern.compile(
          ".+\\.(deb|udeb|ddeb|changes|buildinfo|dsc)"
              + "|.+_.+\\.(tar\\.(gz|bz2|xz|lzma|zst)(\\.asc)?|diff\\.gz)");

  /** What every build writes besides: its logs (compressed by compress_logs) and result.json. */
  private static final Pattern RECORDS = Pattern.compile(".+\\.log(\\.(gz|xz|zst))?|result\\.json");

  private ResultDir() {}

  /**
   * Makes {@code dir} ready for a build: created when missing; with {@code clean}, a previous
   * build's files removed; without, refused (nothing touched) when it holds a previous build's
   * packages or sources. Logs and result.json are replaced by every build, as before; {@code clean}
   * also removes the QA plugins' {@code qa/} directory.
   *
   * @return the files removed, by name
   */
  public static List<String> prepare(Path dir, boolean clean) {
    return prepare(dir, clean, Set.of());
  }

  /**
   * As {@link #prepare(Path, boolean)}, never counting or removing {@code inputs}: the .dsc being
   * built and its files when they sit in the result directory themselves.
   */
  public static List<String> prepare(Path dir, boolean clean, Set<String> inputs) {
    try {
      Files.createDirectories(dir);
      List<String> packages =
          matching(dir, PACKAGES).stream().filter(n -> !inputs.contains(n)).toList();
      if (!clean && !packages.isEmpty()) {
        throw new DebforgeException(
            ErrorKind.CONFLICT,
            dir
                + ": holds a previous build's files ("
                + String.join(", ", packages.subList(0, Math.min(3, packages.size())))
                + (packages.size() > 3 ? " and " + (packages.size() - 3) + " more" : "")
                + "); they would be archived and imported with this build's",
            "pass --clean-resultdir to remove them (packages, sources, logs and result.json only),"
                + " or give an empty --resultdir");
      }
      List<String> removed = new ArrayList<>();
      if (clean) {
        removed.addAll(packages);
        removed.addAll(matching(dir, RECORDS));
      } else {
        // Every build rewrites these; removing them first keeps appending logs from mixing runs.
        removed.addAll(
            matching(dir, Pattern.compile("build\\.log|root\\.log|state\\.log|result\\.json")));
      }
      for (String name : removed) {
        Files.delete(dir.resolve(name));
      }
      // The QA plugins' reports (qa/junit-*.xml) are published by the Jenkins step: a previous
      // build's must never be published again with this one's.
      Path qa = dir.resolve("qa");
      if (clean && Files.isDirectory(qa, LinkOption.NOFOLLOW_LINKS)) {
        org.debforge.debmock.chroot.Trees.deleteRecursively(qa);
        removed.add("qa/");
      }
      return removed.stream().sorted().toList();
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          "cannot prepare result directory " + dir + ": " + e.getMessage(),
          "check its permissions, or give another --resultdir",
          e);
    }
  }

  /** Plain files (never directories, never followed symlinks' targets) whose names match. */
  private static List<String> matching(Path dir, Pattern names) throws IOException {
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(f))
          .map(f -> f.getFileName().toString())
          .filter(n -> names.matcher(n).matches())
          .sorted()
          .toList();
    }
  }
}
