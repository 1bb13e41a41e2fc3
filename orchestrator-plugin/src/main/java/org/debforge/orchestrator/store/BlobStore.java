package org.debforge.orchestrator.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.fs.Durable;

/**
 * The content-addressed pool: {@code pool/ab/cdef...} holds the file whose SHA-256 is {@code
 * abcdef...}. A blob is written to {@code tmp/}, fsynced, then renamed into place, so a reader or a
 * crash never sees half a blob; a blob already present is not written again. Blobs are immutable:
 * only {@link #delete} (used by garbage collection) removes one.
 */
public final class BlobStore {
  private final Path pool;
  private final Path tmp;

  public BlobStore(Path root) {
    this.pool = root.resolve("pool");
    this.tmp = root.resolve("tmp");
    try {
      Files.createDirectories(pool);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw io(root, e);
    }
  }

  /**
   * Copies {@code file} into the pool and returns its blob. When {@code expectedSha256} is given
   * the digest of the bytes actually copied must match it, so a file changed after it was verified
   * is not stored under a name it no longer deserves.
   */
  public Blob put(Path file, String expectedSha256) {
    return put(file, expectedSha256, null);
  }

  /** A record of the blobs one write adds, for {@link #put(Path, String, NewBlobs)}. */
  public NewBlobs newBlobs() {
    return new NewBlobs(this);
  }

  /** As {@link #put(Path, String)}, noting in {@code created} a blob that was not there yet. */
  public Blob put(Path file, String expectedSha256, NewBlobs created) {
    Path temp = null;
    try {
      temp = Files.createTempFile(tmp, "blob-", ".part");
      MessageDigest md = sha256();
      long size = 0;
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
          out.write(buf, 0, n);
          size += n;
        }
      }
      String hex = HexFormat.of().formatHex(md.digest());
      if (expectedSha256 != null && !expectedSha256.equals(hex)) {
        throw new DebforgeException(
            ErrorKind.VERIFICATION_FAILED,
            file + ": sha256 changed while importing: expected " + expectedSha256 + ", got " + hex,
            "the file was modified during the import; import again");
      }
      Blob blob = new Blob(hex, size);
      Path target = path(hex);
      if (Files.exists(target)) {
        // Dedup; touch it so a concurrent gc's grace period protects it until it is referenced.
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        return blob;
      }
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.createDirectories(target.getParent());
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        if (!Files.exists(target)) {
          throw e;
        }
      }
      temp = null;
      Durable.syncDirectory(target.getParent());
      if (created != null) {
        created.created(hex, Files.getLastModifiedTime(target));
      }
      return blob;
    } catch (IOException e) {
      throw io(file, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a leftover in tmp/ is removed by gc
        }
      }
    }
  }

  /** The store directory holding {@code pool/} and {@code tmp/}. */
  public Path root() {
    return pool.getParent();
  }

  public boolean contains(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  /** Where the blob lives; the file may not exist. */
  public Path path(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "'" + sha256 + "' is not a sha256", "give 64 hex digits");
    }
    return pool.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
  }

  /** Every blob in the pool with its last modification time. */
  public List<StoredBlob> list() {
    List<StoredBlob> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(pool, 2)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f) && f.getParent().getParent().equals(pool)) {
          String hex = f.getParent().getFileName().toString() + f.getFileName();
          if (hex.matches("[0-9a-f]{64}")) {
            out.add(
                new StoredBlob(
                    new Blob(hex, Files.size(f)), Files.getLastModifiedTime(f).toInstant()));
          }
        }
      }
    } catch (IOException e) {
      throw io(pool, e);
    }
    return out;
  }

  /**
   * Temporary files left by interrupted writes in {@code tmp/}, and what interrupted uploads left
   * in {@code tmp/uploads/} (the server's upload directories and multipart spool files), last
   * modified before {@code olderThan}. Other directories in {@code tmp/} are not ours to remove.
   */
  public List<Path> leftovers(Instant olderThan) {
    List<Path> out = new ArrayList<>();
    try {
      for (Path f : children(tmp)) {
        if (Files.isRegularFile(f) && isOlder(f, olderThan)) {
          out.add(f);
        }
      }
      Path uploads = tmp.resolve(UPLOADS);
      if (Files.isDirectory(uploads)) {
        for (Path f : children(uploads)) {
          if (isOlder(f, olderThan)) {
            out.add(f);
          }
        }
      }
    } catch (IOException e) {
      throw io(tmp, e);
    }
    return out;
  }

  /** Where the server receives uploads before importing them: {@code tmp/uploads}. */
  public Path uploads() {
    return tmp.resolve(UPLOADS);
  }

  private static final String UPLOADS = "uploads";

  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static boolean isOlder(Path f, Instant olderThan) throws IOException {
    return !Files.getLastModifiedTime(f).toInstant().isAfter(olderThan);
  }

  public void delete(String sha256) {
    deleteFile(path(sha256));
  }

  /** Deletes a file, or a directory with everything in it (an interrupted upload). */
  public void deleteFile(Path file) {
    try {
      if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> all = Files.walk(file)) {
          for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      } else {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw io(file, e);
    }
  }

  /** A blob as found on disk. */
  public record StoredBlob(Blob blob, Instant modified) {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DebforgeException io(Path p, IOException e) {
    return new DebforgeException(
        ErrorKind.IO, p + ": " + e, "check the store directory's permissions and free space", e);
  }
}
