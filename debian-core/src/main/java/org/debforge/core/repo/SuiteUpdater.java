package org.debforge.core.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.debforge.core.pgp.SigningKey;

/**
 * Updates one suite of an APT repository in place, for a publisher that re-publishes the same suite
 * often (deb-orchestrator's tags). {@link RepositoryWriter} instead rebuilds a suite from scratch.
 *
 * <p>Order of writes, so that a client never sees a Release that points at missing indexes: (1)
 * each changed index is written to {@code by-hash/SHA256/DIGEST} first, then to its name, each by
 * temp file and rename; (2) {@code Release.gpg}, {@code Release}, then {@code InRelease} are
 * renamed into place; (3) indexes no longer listed are deleted, and by-hash entries no longer
 * listed once older than a grace period. apt fetches indexes by hash ({@code Acquire-By-Hash:
 * yes}), so a client holding the previous Release still finds every index it names during the grace
 * period. Nothing is ever modified in place, which is also what lets a snapshot share files with
 * the live suite by hard links.
 *
 * <p>Incremental: an index whose content equals the file on disk is not rewritten (its inode and
 * mtime are kept and it is not compressed again), and when no index changed and the Release would
 * say the same apart from its Date, the Release is not rewritten either.
 */
public final class SuiteUpdater {
  /** What indexes are published in: plain for tools that read them, xz for apt. */
  public static final List<IndexCompression> COMPRESSIONS =
      List.of(IndexCompression.NONE, IndexCompression.XZ);

  private static final String SNAPSHOTS = "snapshots";

  /**
   * What an update did, paths relative to the suite directory.
   *
   * @param written index files written (each compression)
   * @param unchanged index files kept as they were
   * @param removed index files no longer listed, deleted
   */
  public record Result(
      Path suiteDir,
      List<String> written,
      List<String> unchanged,
      List<String> removed,
      boolean releaseWritten) {}

  private SuiteUpdater() {}

  /**
   * Brings {@code suiteDir} to hold exactly {@code indexes} (path below the suite directory, e.g.
   * {@code main/binary-amd64/Packages}, to its stanzas), signed with {@code key} when not null.
   */
  public static Result update(
      Path suiteDir,
      SuiteSettings s,
      List<String> components,
      SortedMap<String, List<Paragraph>> indexes,
      SigningKey key,
      Duration byHashGrace) {
    List<String> written = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    TreeMap<String, byte[]> listed = new TreeMap<>();
    try {
      Files.createDirectories(suiteDir);
      for (Map.Entry<String, List<Paragraph>> e : indexes.entrySet()) {
        String path = safeRelative(e.getKey());
        byte[] plain = RepositoryWriter.indexText(e.getValue()).getBytes(StandardCharsets.UTF_8);
        Path base = suiteDir.resolve(path);
        boolean same = sameContent(base, plain);
        for (IndexCompression c : COMPRESSIONS) {
          String name = path + c.extension();
          Path file = suiteDir.resolve(name);
          if (same && Files.isRegularFile(file)) {
            listed.put(name, c == IndexCompression.NONE ? plain : Files.readAllBytes(file));
            unchanged.add(name);
          } else {
            byte[] data = c.compress(plain);
            Path byHash = file.resolveSibling("by-hash/SHA256/" + ChecksumField.SHA256.hex(data));
            writeOnce(byHash, data);
            replace(file, data);
            listed.put(name, data);
            written.add(name);
          }
        }
      }
      String release = RepositoryWriter.releaseText(s, components, listed);
      boolean releaseWritten = !written.isEmpty() || !sameRelease(suiteDir, release, key != null);
      if (releaseWritten) {
        byte[] bytes = release.getBytes(StandardCharsets.UTF_8);
        if (key != null) {
          replace(suiteDir.resolve("Release.gpg"), sign(() -> Signer.detachSign(bytes, key)));
        } else {
          Files.deleteIfExists(suiteDir.resolve("Release.gpg"));
        }
        replace(suiteDir.resolve("Release"), bytes);
        if (key != null) {
          replace(suiteDir.resolve("InRelease"), sign(() -> Signer.clearsign(release, key)));
        } else {
          Files.deleteIfExists(suiteDir.resolve("InRelease"));
        }
      }
      List<String> removed = prune(suiteDir, listed, byHashGrace);
      return new Result(suiteDir, written, unchanged, removed, releaseWritten);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, suiteDir + ": " + e.getMessage(), null, e);
    }
  }

  /**
   * Keeps the suite as it is now as {@code suiteDir/snapshots/ID}: the Release files and every
   * index it lists, hard-linked (they are never modified in place, so the snapshot cannot change),
   * made visible by one rename. An existing snapshot is never replaced.
   */
  public static Path snapshot(Path suiteDir, String id) {
    requireSnapshotId(id);
    Path snapshots = suiteDir.resolve(SNAPSHOTS);
    Path target = snapshots.resolve(id);
    if (Files.exists(target)) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "snapshot '" + id + "' exists in " + suiteDir + "; snapshots are never rewritten",
          "pick another id");
    }
    Path releaseFile = suiteDir.resolve("Release");
    if (!Files.isRegularFile(releaseFile)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, suiteDir + " has no Release to snapshot", "publish first");
    }
    Path tmp = snapshots.resolve("." + id + ".new-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      Release release = Release.read(releaseFile);
      for (String name : List.of("Release", "Release.gpg", "InRelease")) {
        if (Files.isRegularFile(suiteDir.resolve(name))) {
          Files.createLink(tmp.resolve(name), suiteDir.resolve(name));
        }
      }
      for (FileChecksum f : release.files(ChecksumField.SHA256)) {
        Path to = tmp.resolve(f.name());
        Files.createDirectories(to.getParent());
        Files.createLink(to, suiteDir.resolve(f.name()));
        String hashed = Path.of(f.name()).resolveSibling("by-hash/SHA256/" + f.digest()).toString();
        if (Files.isRegularFile(suiteDir.resolve(hashed))) {
          Files.createDirectories(tmp.resolve(hashed).getParent());
          Files.createLink(tmp.resolve(hashed), suiteDir.resolve(hashed));
        }
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      RepositoryWriter.deleteTree(tmp);
      throw new DebforgeException(ErrorKind.IO, target + ": " + e.getMessage(), null, e);
    }
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

  /** Whether the Release on disk says {@code release} apart from its Date, signed as wanted. */
  private static boolean sameRelease(Path suiteDir, String release, boolean signed)
      throws IOException {
    Path old = suiteDir.resolve("Release");
    if (!Files.isRegularFile(old) || Files.isRegularFile(suiteDir.resolve("InRelease")) != signed) {
      return false;
    }
    return withoutDate(Files.readString(old)).equals(withoutDate(release));
  }

  private static String withoutDate(String release) {
    return release.replaceFirst("(?m)^Date: .*\n", "");
  }

  private interface Signing {
    String sign();
  }

  private static byte[] sign(Signing s) {
    return s.sign().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes a content-addressed file unless present (then only refreshes its mtime). */
  private static void writeOnce(Path file, byte[] data) throws IOException {
    if (Files.isRegularFile(file)) {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      return;
    }
    replace(file, data);
  }

  /** Temp file in the same directory, then rename: readers see the old file or the new one. */
  static void replace(Path file, byte[] data) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.write(tmp, data);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Deletes unlisted indexes, and by-hash entries unlisted for longer than {@code grace}. */
  private static List<String> prune(Path suiteDir, Map<String, byte[]> listed, Duration grace)
      throws IOException {
    Set<String> hashes = new HashSet<>();
    listed.values().forEach(d -> hashes.add(ChecksumField.SHA256.hex(d)));
    Instant cutoff = Instant.now().minus(grace);
    List<String> removed = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(suiteDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      String rel = suiteDir.relativize(f).toString();
      if (!rel.contains("/") || rel.startsWith(SNAPSHOTS + "/")) {
        continue; // Release files; snapshots are never touched
      }
      boolean old = Files.getLastModifiedTime(f).toInstant().isBefore(cutoff);
      String name = f.getFileName().toString();
      if (rel.contains("/by-hash/")) {
        if (!hashes.contains(name) && old) {
          Files.delete(f);
        }
      } else if (name.startsWith(".")) {
        if (old) {
          Files.delete(f); // a temp file left by an interrupted run
        }
      } else if (!listed.containsKey(rel)) {
        Files.delete(f);
        removed.add(rel);
      }
    }
    return removed;
  }
}
