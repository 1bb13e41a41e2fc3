package org.debforge.orchestrator.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Resumable uploads of a build: declared first (names, sizes, sha256s), then sent in chunks that
 * must each start where the file's received bytes end, then committed: every size and sha256 is
 * checked and the files go through the ordinary import. A chunk cut short by a broken connection
 * keeps what arrived, so the client asks for the offsets and goes on from there.
 *
 * <p>A session is a directory {@code resumable-ID} among the server's upload directories holding
 * {@code session.json} and {@code files/}; its modification time is its last activity, which is
 * what {@link #expired} (and so {@code gc}) judges.
 */
public final class UploadSessions {
  public static final String PREFIX = "resumable-";

  /** How long an untouched session is kept for its client to come back. */
  public static final Duration EXPIRY = Duration.ofHours(24);

  static final int MAX_FILES = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final long maxTotal;
  private final long maxChunk;
  private final Clock clock;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /**
   * @param root where sessions live (the server's upload directory)
   * @param maxTotal the most bytes one upload may declare
   * @param maxChunk the most bytes one chunk may carry
   */
  public UploadSessions(Path root, long maxTotal, long maxChunk, Clock clock) {
    this.root = root;
    this.maxTotal = maxTotal;
    this.maxChunk = maxChunk;
    this.clock = clock;
  }

  public long maxChunk() {
    return maxChunk;
  }

  /** Whether {@code entry} of the upload directory is a session untouched since before EXPIRY. */
  public static boolean expired(Path entry, Instant now) throws IOException {
    return !entry.getFileName().toString().startsWith(PREFIX)
        || !Files.getLastModifiedTime(entry).toInstant().isAfter(now.minus(EXPIRY));
  }

  public UploadSession create(String owner, List<DeclaredFile> files, Map<String, String> fields) {
    if (files.isEmpty() || files.size() > MAX_FILES) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "an upload declares 1 to " + MAX_FILES + " files, not " + files.size(),
          "declare the .changes and every file it lists");
    }
    var names = new HashSet<String>();
    long total = 0;
    int changes = 0;
    for (DeclaredFile f : files) {
      if (!names.add(f.name())) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT, "file '" + f.name() + "' declared twice", "declare it once");
      }
      total += f.size();
      if (f.size() > maxTotal || total > maxTotal) {
        throw new TooLarge(total, maxTotal);
      }
      changes += f.name().endsWith(".changes") ? 1 : 0;
    }
    if (changes != 1) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "an upload needs exactly one .changes file, got " + changes,
          "declare the .changes and the files it lists");
    }
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String id = HexFormat.of().formatHex(random);
    Path dir = root.resolve(PREFIX + id);
    try {
      Files.createDirectories(dir.resolve("files"));
      for (DeclaredFile f : files) {
        Files.createFile(dir.resolve("files").resolve(f.name()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    UploadSession s = new UploadSession(id, owner, clock.instant(), files, fields, Map.of(), false);
    write(dir, s);
    return read(dir);
  }

  public UploadSession status(String id, String caller) {
    return read(require(id, caller));
  }

  /**
   * Appends one chunk to a file. It must start at the file's received offset (no gap, no overlap)
   * and stay within the declared size; a body longer than the range is refused and undone, a
   * shorter one (the connection broke) is kept.
   */
  public UploadSession append(
      String id, String caller, String name, ContentRange range, InputStream body) {
    Path dir = require(id, caller);
    return locked(
        id,
        () -> {
          UploadSession s = read(dir);
          requireOpen(s);
          DeclaredFile f = declared(s, name);
          if (range.total() != f.size()) {
            throw new DebforgeException(
                ErrorKind.INVALID_INPUT,
                name
                    + ": Content-Range total "
                    + range.total()
                    + " is not the declared size "
                    + f.size(),
                "send the file's declared size after the '/'");
          }
          if (range.length() > maxChunk) {
            throw new TooLarge(range.length(), maxChunk);
          }
          long received = s.received().get(name);
          if (range.first() != received) {
            throw new DebforgeException(
                ErrorKind.CONFLICT,
                name
                    + ": chunk starts at "
                    + range.first()
                    + " but "
                    + received
                    + " bytes were received"
                    + (range.first() > received ? " (a gap)" : " (an overlap)"),
                "GET /api/v1/uploads/" + id + " for the offsets and send from there");
          }
          Path file = dir.resolve("files").resolve(name);
          ChunkFiles.append(file, received, range, body);
          touch(dir);
          return read(dir);
        });
  }

  /**
   * Checks that every file arrived whole with its declared sha256, then runs {@code importer} on
   * the directory of files and marks the session committed (its files are removed). A file whose
   * digest differs is emptied so that it can be sent again.
   */
  public <T> T commit(String id, String caller, Function<Path, T> importer) {
    Path dir = require(id, caller);
    return locked(
        id,
        () -> {
          UploadSession s = read(dir);
          requireOpen(s);
          Path files = dir.resolve("files");
          for (DeclaredFile f : s.files()) {
            long got = s.received().get(f.name());
            if (got != f.size()) {
              throw new DebforgeException(
                  ErrorKind.CONFLICT,
                  f.name() + ": " + got + " of " + f.size() + " bytes received",
                  "send the rest, then commit");
            }
            String actual = ChunkFiles.sha256(files.resolve(f.name()));
            if (!actual.equals(f.sha256())) {
              ChunkFiles.truncate(files.resolve(f.name()));
              throw new DebforgeException(
                  ErrorKind.VERIFICATION_FAILED,
                  f.name() + ": sha256 " + actual + " is not the declared " + f.sha256(),
                  "the file was emptied; send it again");
            }
          }
          T result = importer.apply(files);
          write(
              dir,
              new UploadSession(
                  s.id(), s.owner(), s.created(), s.files(), s.fields(), Map.of(), true));
          ChunkFiles.deleteTree(files);
          touch(dir);
          return result;
        });
  }

  /** Drops an open session and what it received. */
  public void abandon(String id, String caller) {
    Path dir = require(id, caller);
    locked(
        id,
        () -> {
          ChunkFiles.deleteTree(dir);
          return null;
        });
    locks.remove(id);
  }

  /** Removes sessions untouched since before EXPIRY; returns how many. */
  public int collect() {
    int n = 0;
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (var entries = Files.list(root)) {
      for (Path p : entries.toList()) {
        if (p.getFileName().toString().startsWith(PREFIX) && expired(p, clock.instant())) {
          ChunkFiles.deleteTree(p);
          n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  // --- helpers
  // ------------------------------------------------------------------------------------

  private Path require(String id, String caller) {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "'" + (id == null ? null : id.replaceAll("\\p{Cntrl}", "?")) + "' is not an upload id",
          "use the id POST /api/v1/uploads answered");
    }
    Path dir = root.resolve(PREFIX + id);
    // Another token's session is as good as absent: ids are not to be probed.
    if (!Files.isRegularFile(dir.resolve("session.json")) || !read(dir).owner().equals(caller)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "no upload " + id,
          "it expired (" + EXPIRY.toHours() + " h untouched) or was abandoned; start a new one");
    }
    return dir;
  }

  private static void requireOpen(UploadSession s) {
    if (s.committed()) {
      throw new DebforgeException(
          ErrorKind.CONFLICT, "upload " + s.id() + " is already committed", "start a new upload");
    }
  }

  private static DeclaredFile declared(UploadSession s, String name) {
    return s.files().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new DebforgeException(
                    ErrorKind.NOT_FOUND,
                    "upload "
                        + s.id()
                        + " declares no file '"
                        + name.replaceAll("\\p{Cntrl}", "?")
                        + "'",
                    "send only the files declared when the upload was created"));
  }

  private <T> T locked(String id, java.util.function.Supplier<T> body) {
    ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
    if (!lock.tryLock()) {
      // One writer per session: a second client (or a retry while the first request is still
      // being read) waits for the first to finish rather than interleaving bytes.
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "upload " + id + " is busy with another request",
          "wait for it to finish, then GET the offsets and retry");
    }
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  private static void write(Path dir, UploadSession s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("owner", s.owner());
    m.put("created", s.created().toString());
    m.put("committed", s.committed());
    m.put("fields", s.fields());
    List<Map<String, Object>> files = new ArrayList<>();
    for (DeclaredFile f : s.files()) {
      files.add(Map.of("name", f.name(), "size", f.size(), "sha256", f.sha256()));
    }
    m.put("files", files);
    try {
      Path tmp = dir.resolve("session.json.tmp");
      JSON.writeValue(tmp.toFile(), m);
      Files.move(tmp, dir.resolve("session.json"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static UploadSession read(Path dir) {
    try {
      JsonNode n = JSON.readTree(dir.resolve("session.json").toFile());
      List<DeclaredFile> files = new ArrayList<>();
      Map<String, Long> received = new LinkedHashMap<>();
      boolean committed = n.path("committed").asBoolean();
      for (JsonNode f : n.path("files")) {
        DeclaredFile d =
            new DeclaredFile(
                f.path("name").asText(), f.path("size").asLong(), f.path("sha256").asText());
        files.add(d);
        Path p = dir.resolve("files").resolve(d.name());
        received.put(d.name(), committed || !Files.exists(p) ? d.size() : Files.size(p));
      }
      Map<String, String> fields = new LinkedHashMap<>();
      n.path("fields")
          .fields()
          .forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
      return new UploadSession(
          n.path("id").asText(),
          n.path("owner").asText(),
          Instant.parse(n.path("created").asText()),
          files,
          fields,
          received,
          committed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void touch(Path dir) {
    try {
      Files.setLastModifiedTime(dir, FileTime.from(clock.instant()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
