package org.debforge.core.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.control.Paragraph;
import org.debforge.core.pgp.Signer;

/**
 * Updates one suite of an APT repository, for a publisher that re-publishes the same suite often
 * (deb-orchestrator's tags). {@link RepositoryWriter} instead rebuilds a suite from scratch.
 *
 * <p>Crash-safe for every client: each update builds a new generation of the suite (Release files,
 * indexes under their plain names, by-hash copies) and makes it live with one rename of the {@code
 * dists/SUITE} link (see {@link Generations}). Until that rename clients read the previous
 * generation unchanged; after it, the new one. So whether a client fetches indexes by hash (apt,
 * {@code Acquire-By-Hash: yes}) or by name ({@code Acquire::By-Hash=no}, mirror tools, older apt),
 * the indexes it finds are the ones its Release lists, also after a {@code kill -9} at any moment.
 * Each generation also holds the by-hash files of the generations superseded less than a grace
 * period ago, for clients still holding those Releases.
 *
 * <p>Incremental: an index whose content equals the live one is hard-linked into the new generation
 * (same inode and mtime, not compressed again), and when no index changed and the Release would say
 * the same apart from its Date, no generation is made at all. Nothing published is modified in
 * place, which is also what lets snapshots share files with the suite.
 */
public final class SuiteUpdater {
  /** What indexes are published in: plain for tools that read them, xz for apt. */
  public static final List<IndexCompression> COMPRESSIONS =
      List.of(IndexCompression.NONE, IndexCompression.XZ);

  private static final String SNAPSHOTS = "snapshots";
  private static final List<String> RELEASE_FILES = List.of("Release", "Release.gpg", "InRelease");

  /**
   * What an update did, paths relative to the suite directory.
   *
   * @param written index files written (each compression)
   * @param unchanged index files kept as they were
   * @param removed index files no longer listed
   */
  public record Result(
      Path suiteDir,
      List<String> written,
      List<String> unchanged,
      List<String> removed,
      boolean releaseWritten) {}

  private SuiteUpdater() {}

  /**
   * Brings {@code suiteDir} ({@code dists/SUITE}) to hold exactly {@code indexes} (path below the
   * suite directory, e.g. {@code main/binary-amd64/Packages}, to its stanzas), signed with {@code
   * key} when not null. The caller serialises updates of one suite.
   */
  public static Result update(
      Path suiteDir,
      SuiteSettings s,
      List<String> components,
      SortedMap<String, List<Paragraph>> indexes,
      Signer key,
      Duration byHashGrace) {
    Generations gens = new Generations(suiteDir);
    try {
      Path live = gens.live();
      gens.dropUnpublished(live);
      List<String> written = new ArrayList<>();
      List<String> unchanged = new ArrayList<>();
      TreeMap<String, byte[]> listed = new TreeMap<>();
      for (Map.Entry<String, List<Paragraph>> e : indexes.entrySet()) {
        String path = safeRelative(e.getKey());
        byte[] plain = RepositoryWriter.indexText(e.getValue()).getBytes(StandardCharsets.UTF_8);
        boolean same = live != null && sameContent(live.resolve(path), plain);
        for (IndexCompression c : COMPRESSIONS) {
          String name = path + c.extension();
          if (same && Files.isRegularFile(live.resolve(name))) {
            listed.put(
                name, c == IndexCompression.NONE ? plain : Files.readAllBytes(live.resolve(name)));
            unchanged.add(name);
          } else {
            listed.put(name, c.compress(plain));
            written.add(name);
          }
        }
      }
      String release = RepositoryWriter.releaseText(s, components, listed);
      boolean changed =
          !written.isEmpty() || live == null || !sameRelease(live, release, key != null);
      if (!changed && !gens.legacy()) {
        gens.linkSnapshots(live);
        gens.prune(gens.kept(live, byHashGrace));
        return new Result(suiteDir, written, unchanged, List.of(), false);
      }
      // Sign before writing anything: a key that cannot sign leaves the suite as it was.
      byte[] bytes = release.getBytes(StandardCharsets.UTF_8);
      Map<String, byte[]> releaseFiles = new TreeMap<>();
      releaseFiles.put("Release", bytes);
      if (key != null) {
        releaseFiles.put("Release.gpg", utf8(key.detachSign(bytes)));
        releaseFiles.put("InRelease", utf8(key.clearsign(release)));
      }
      List<Path> kept = gens.kept(live, byHashGrace);
      Path work = gens.newWork();
      try {
        buildGeneration(work, live, kept, listed, unchanged, releaseFiles);
        gens.linkSnapshots(work);
      } catch (IOException | RuntimeException e) {
        RepositoryWriter.deleteTree(work);
        throw e;
      }
      Path generation = gens.commit(work);
      List<String> removed = live == null ? List.of() : removedIndexes(live, listed);
      List<Path> keep = new ArrayList<>(kept);
      keep.add(0, generation);
      gens.prune(keep);
      return new Result(suiteDir, written, unchanged, removed, true);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, suiteDir + ": " + e.getMessage(), null, e);
    }
  }

  /**
   * Fills a new generation: every listed index under its name and by hash (unchanged ones and
   * content seen before hard-linked from where they are), the by-hash files the kept generations'
   * Releases list, then the Release files.
   */
  private static void buildGeneration(
      Path work,
      Path live,
      List<Path> kept,
      Map<String, byte[]> listed,
      List<String> unchanged,
      Map<String, byte[]> releaseFiles)
      throws IOException {
    for (Map.Entry<String, byte[]> e : listed.entrySet()) {
      String name = e.getKey();
      String hashed = byHash(name, ChecksumField.SHA256.hex(e.getValue()));
      Path source = unchanged.contains(name) ? live.resolve(name) : existing(kept, hashed, name);
      if (source == null) {
        source = work.resolve(hashed);
        Files.createDirectories(source.getParent());
        Files.write(source, e.getValue());
        HaltPoints.step();
      }
      link(work.resolve(name), source);
      link(work.resolve(hashed), source);
    }
    for (Path g : kept) {
      Path releaseFile = g.resolve("Release");
      if (!Files.isRegularFile(releaseFile)) {
        continue;
      }
      for (FileChecksum f : Release.read(releaseFile).files(ChecksumField.SHA256)) {
        String hashed = byHash(f.name(), f.digest());
        Path source = existing(List.of(g), hashed, f.name());
        if (source != null) {
          link(work.resolve(hashed), source);
        }
      }
    }
    for (Map.Entry<String, byte[]> e : releaseFiles.entrySet()) {
      Files.write(work.resolve(e.getKey()), e.getValue());
      HaltPoints.step();
    }
  }

  /**
   * A file of {@code generations} with the content {@code by-hash} names: the by-hash file itself,
   * or the plain file of a generation whose Release gives that hash (generations never change, so
   * its plain file still has it).
   */
  private static Path existing(List<Path> generations, String hashed, String name)
      throws IOException {
    String digest = hashed.substring(hashed.lastIndexOf('/') + 1);
    for (Path g : generations) {
      if (Files.isRegularFile(g.resolve(hashed))) {
        return g.resolve(hashed);
      }
      Path plain = g.resolve(name);
      if (Files.isRegularFile(plain)
          && Files.isRegularFile(g.resolve("Release"))
          && Release.read(g.resolve("Release")).files(ChecksumField.SHA256).stream()
              .anyMatch(f -> f.name().equals(name) && f.digest().equals(digest))) {
        return plain;
      }
    }
    return null;
  }

  private static String byHash(String name, String digest) {
    return Path.of(name).resolveSibling("by-hash/SHA256/" + digest).toString();
  }

  /** A hard link, unless the name exists (a by-hash file is the same content under any path). */
  private static void link(Path to, Path from) throws IOException {
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.createDirectories(to.getParent());
    Files.createLink(to, from);
    HaltPoints.step();
  }

  /** Indexes the previous generation had under their names that the new one does not list. */
  private static List<String> removedIndexes(Path previous, Map<String, byte[]> listed)
      throws IOException {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(previous)) {
      return removed;
    }
    try (Stream<Path> walk = Files.walk(previous)) {
      for (Path f : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        String rel = previous.relativize(f).toString();
        if (rel.contains("/")
            && !rel.startsWith(SNAPSHOTS + "/")
            && !rel.contains("/by-hash/")
            && !f.getFileName().toString().startsWith(".")
            && !listed.containsKey(rel)) {
          removed.add(rel);
        }
      }
    }
    return removed;
  }

  /**
   * Keeps the suite as it is now as {@code dists/SUITE/snapshots/ID}: the Release files and every
   * index it lists, hard-linked (they are never modified in place, so the snapshot cannot change),
   * made visible by one rename. An existing snapshot is never replaced.
   *
   * @return the snapshot as clients reach it, {@code suiteDir/snapshots/ID}
   */
  public static Path snapshot(Path suiteDir, String id) {
    requireSnapshotId(id);
    Generations gens = new Generations(suiteDir);
    Path snapshots = gens.snapshots();
    Path target = snapshots.resolve(id);
    if (Files.exists(target)) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "snapshot '" + id + "' exists in " + suiteDir + "; snapshots are never rewritten",
          "pick another id");
    }
    Path live;
    try {
      live = gens.live();
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, suiteDir + ": " + e.getMessage(), null, e);
    }
    if (live == null || !Files.isRegularFile(live.resolve("Release"))) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, suiteDir + " has no Release to snapshot", "publish first");
    }
    Path tmp = snapshots.resolve("." + id + ".new-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      // The link first: a crash after it leaves a link to a directory without this snapshot.
      gens.linkSnapshots(live);
      Release release = Release.read(live.resolve("Release"));
      for (String name : RELEASE_FILES) {
        if (Files.isRegularFile(live.resolve(name))) {
          Files.createLink(tmp.resolve(name), live.resolve(name));
        }
      }
      for (FileChecksum f : release.files(ChecksumField.SHA256)) {
        Path to = tmp.resolve(f.name());
        Files.createDirectories(to.getParent());
        Files.createLink(to, live.resolve(f.name()));
        String hashed = byHash(f.name(), f.digest());
        if (Files.isRegularFile(live.resolve(hashed))) {
          Files.createDirectories(tmp.resolve(hashed).getParent());
          Files.createLink(tmp.resolve(hashed), live.resolve(hashed));
        }
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      HaltPoints.step();
      return gens.legacy() ? target : suiteDir.resolve(SNAPSHOTS).resolve(id);
    } catch (IOException e) {
      RepositoryWriter.deleteTree(tmp);
      throw new DebforgeException(ErrorKind.IO, target + ": " + e.getMessage(), null, e);
    }
  }

  /** Whether {@code name} is a work file of an unfinished update, never to be served or copied. */
  public static boolean isWorkFile(String name) {
    return Generations.isWorkFile(name);
  }

  public static String requireSnapshotId(String id) {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9.+_-]{0,99}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "invalid snapshot id '" + id + "'",
          "use letters, digits and . + _ - (e.g. 2024-06-10 or compose-42)");
    }
    return id;
  }

  private static String safeRelative(String path) {
    if (path.startsWith("/")
        || path.startsWith(SNAPSHOTS + "/")
        || Arrays.asList(path.split("/")).contains("..")
        || path.contains("by-hash")) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT,
          "index path '" + path + "' is not a plain path below the suite",
          "name indexes like main/binary-amd64/Packages");
    }
    return path;
  }

  private static boolean sameContent(Path file, byte[] plain) throws IOException {
    return Files.isRegularFile(file)
        && Files.size(file) == plain.length
        && Arrays.equals(Files.readAllBytes(file), plain);
  }

  /** Whether the live Release says {@code release} apart from its Date, signed as wanted. */
  private static boolean sameRelease(Path live, String release, boolean signed) throws IOException {
    Path old = live.resolve("Release");
    if (!Files.isRegularFile(old) || Files.isRegularFile(live.resolve("InRelease")) != signed) {
      return false;
    }
    return withoutDate(Files.readString(old)).equals(withoutDate(release));
  }

  private static String withoutDate(String release) {
    return release.replaceFirst("(?m)^Date: .*\n", "");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
