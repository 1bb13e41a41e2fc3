package org.debforge.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.debforge.core.fs.Durable;

/**
 * The layout that lets one rename publish a whole suite, for {@link SuiteUpdater}:
 *
 * <pre>
 * dists/SUITE -&gt; .SUITE.gen-7          a symbolic link: what clients read
 * dists/.SUITE.gen-7/Release ...         the live generation: Release files, indexes, by-hash
 * dists/.SUITE.gen-6/                    superseded, kept for the by-hash grace period
 * dists/.SUITE.snapshots/ID/             snapshots; every generation links snapshots -&gt; there
 * </pre>
 *
 * A generation is built complete in a hidden work directory, renamed to {@code .SUITE.gen-N}, then
 * made live by renaming a new link over {@code dists/SUITE}. So the Release, the indexes under
 * their plain names and their by-hash copies change together, in that one rename: a client that
 * does not fetch by hash ({@code Acquire::By-Hash=no}, mirror tools) sees the same consistent suite
 * as one that does, and a crash at any moment leaves the previous generation live. A generation is
 * never changed once renamed (apart from gaining the {@code snapshots} link), so generations share
 * unchanged files by hard links.
 *
 * <p>The caller serialises updates of a suite (the orchestrator holds a lock per repository): every
 * work directory found is then left over from a crash, as is every generation newer than the live
 * one.
 */
final class Generations {
  private static final String SNAPSHOTS = "snapshots";

  private final Path suiteDir;
  private final Path dists;
  private final String suite;
  private final Pattern genName;

  Generations(Path suiteDir) {
    this.suiteDir = suiteDir.toAbsolutePath().normalize();
    this.dists = this.suiteDir.getParent();
    this.suite = this.suiteDir.getFileName().toString();
    this.genName = Pattern.compile(Pattern.quote("." + suite + ".gen-") + "(\\d+)");
  }

  /** A suite written before generations: {@code dists/SUITE} is a plain directory. */
  boolean legacy() {
    return Files.isDirectory(suiteDir, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The directory clients read now: the link's target, the legacy directory, or (after a crash
   * between the two renames of a migration) the newest generation. Null when nothing is published.
   */
  Path live() throws IOException {
    if (Files.isSymbolicLink(suiteDir)) {
      return dists.resolve(Files.readSymbolicLink(suiteDir)).normalize();
    }
    if (legacy()) {
      return suiteDir;
    }
    TreeMap<Long, Path> all = generations();
    return all.isEmpty() ? null : all.lastEntry().getValue();
  }

  /** Where snapshots are kept: beside the generations (in the suite directory when legacy). */
  Path snapshots() {
    return legacy() ? suiteDir.resolve(SNAPSHOTS) : dists.resolve("." + suite + "." + SNAPSHOTS);
  }

  /** Every generation by number. */
  TreeMap<Long, Path> generations() throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    if (!Files.isDirectory(dists)) {
      return out;
    }
    try (Stream<Path> list = Files.list(dists)) {
      for (Path p : list.toList()) {
        Matcher m = genName.matcher(p.getFileName().toString());
        if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(Long.parseLong(m.group(1)), p);
        }
      }
    }
    return out;
  }

  /**
   * The live generation and the superseded ones still within {@code grace}: those whose by-hash
   * files a client may still fetch.
   */
  List<Path> kept(Path live, Duration grace) throws IOException {
    List<Path> out = new ArrayList<>();
    if (live == null) {
      return out;
    }
    out.add(live);
    Instant cutoff = Instant.now().minus(grace);
    Path successor = live;
    for (Path g : generations().descendingMap().values()) {
      if (g.equals(live) || !isOlder(g, live)) {
        continue;
      }
      if (supersededAt(successor).isBefore(cutoff)) {
        break;
      }
      out.add(g);
      successor = g;
    }
    return out;
  }

  /** Removes work directories and generations newer than the live one: crash leftovers. */
  void dropUnpublished(Path live) throws IOException {
    for (Path p : hiddenWork()) {
      RepositoryWriter.deleteTree(p);
      HaltPoints.step();
    }
    for (Path g : generations().values()) {
      if (live != null && !g.equals(live) && !isOlder(g, live)) {
        RepositoryWriter.deleteTree(g);
        HaltPoints.step();
      }
    }
  }

  /** A new, empty work directory for the next generation. */
  Path newWork() throws IOException {
    Files.createDirectories(dists);
    Path work = dists.resolve("." + suite + ".new-" + UUID.randomUUID());
    Files.createDirectory(work);
    HaltPoints.step();
    return work;
  }

  /**
   * The {@code snapshots} link a generation carries when the suite has snapshots, so that {@code
   * dists/SUITE/snapshots/ID} stays reachable through every generation.
   */
  void linkSnapshots(Path generation) throws IOException {
    Path link = generation.resolve(SNAPSHOTS);
    if (!legacy()
        && Files.isDirectory(snapshots())
        && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, Path.of("..", snapshots().getFileName().toString()));
      HaltPoints.step();
    }
  }

  /**
   * Makes the complete {@code work} directory the live generation: renamed to the next {@code
   * .SUITE.gen-N}, then a new link renamed over {@code dists/SUITE}. A legacy suite directory
   * becomes generation 0 first, its snapshots move beside it; that migration is three renames in a
   * row, the only moment a client can find no suite (a failed fetch, never a wrong one).
   */
  Path commit(Path work) throws IOException {
    TreeMap<Long, Path> all = generations();
    long n = all.isEmpty() ? 1 : all.lastKey() + 1;
    Path generation = dists.resolve("." + suite + ".gen-" + n);
    // On disk before any name points at it: after a power loss the link must never lead to
    // indexes that were renamed into place but whose data never reached the disk.
    Durable.syncTree(work);
    Files.move(work, generation, StandardCopyOption.ATOMIC_MOVE);
    HaltPoints.step();
    Path link = dists.resolve("." + suite + ".link-" + UUID.randomUUID());
    Files.createSymbolicLink(link, Path.of(generation.getFileName().toString()));
    HaltPoints.step();
    if (legacy()) {
      Path legacySnapshots = suiteDir.resolve(SNAPSHOTS);
      Path snapshots = dists.resolve("." + suite + "." + SNAPSHOTS);
      if (Files.isDirectory(legacySnapshots, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(legacySnapshots, snapshots, StandardCopyOption.ATOMIC_MOVE);
        HaltPoints.step();
        if (!Files.exists(generation.resolve(SNAPSHOTS), LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(
              generation.resolve(SNAPSHOTS), Path.of("..", "." + suite + "." + SNAPSHOTS));
        }
      }
      Files.move(suiteDir, dists.resolve("." + suite + ".gen-0"), StandardCopyOption.ATOMIC_MOVE);
      HaltPoints.step();
    }
    Files.move(link, suiteDir, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Durable.syncDirectory(dists);
    HaltPoints.step();
    return generation;
  }

  /** Deletes superseded generations older than {@code grace}, keeping {@code kept}. */
  void prune(List<Path> kept) throws IOException {
    for (Path g : generations().values()) {
      if (!kept.contains(g)) {
        RepositoryWriter.deleteTree(g);
        HaltPoints.step();
      }
    }
  }

  /** Whether {@code name} is a work file of an update in progress (or one a crash left). */
  static boolean isWorkFile(String name) {
    return name.startsWith(".")
        && (name.contains(".new-") || name.contains(".link-") || name.contains(".tmp-"));
  }

  private List<Path> hiddenWork() throws IOException {
    if (!Files.isDirectory(dists)) {
      return List.of();
    }
    String prefix = "." + suite + ".";
    try (Stream<Path> list = Files.list(dists)) {
      return list.filter(
              p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && isWorkFile(name);
              })
          .toList();
    }
  }

  private boolean isOlder(Path generation, Path than) {
    return number(generation) < number(than);
  }

  /**
   * A generation's number. The legacy directory counts as older than every generation: one found
   * beside it was left by a migration that did not finish.
   */
  private long number(Path generation) {
    Matcher m = genName.matcher(generation.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** When {@code successor} went live, superseding its predecessor: its Release's mtime. */
  private static Instant supersededAt(Path successor) throws IOException {
    Path release = successor.resolve("Release");
    return Files.isRegularFile(release)
        ? Files.getLastModifiedTime(release).toInstant()
        : Instant.EPOCH;
  }
}
