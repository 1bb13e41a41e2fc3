package org.debforge.orchestrator.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Changes;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.ListedFile;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.history.History;
import org.debforge.orchestrator.store.Blob;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.store.NewBlobs;

/**
 * Imports a deb-mock result directory, or any .changes with the files it lists. Everything is
 * verified before anything is stored; then blobs go to the pool, then one transaction records the
 * build. A crash between the two leaves only unreferenced blobs, which {@code gc} removes.
 */
public final class BuildImporter {
  private final Database db;
  private final BlobStore blobs;
  private final Checkpoint checkpoint;
  private volatile ChangesSignature signature = ChangesSignature.NONE;

  public BuildImporter(Database db, BlobStore blobs, Checkpoint checkpoint) {
    this.db = db;
    this.blobs = blobs;
    this.checkpoint = checkpoint;
  }

  /** A file to store: where it is, what it is, and the sha256 it must have (null if unknown). */
  private record Input(Path path, String name, String kind, String sha256) {}

  /** From now on, whether .changes must be signed and by whom (the store's configuration). */
  public void signature(ChangesSignature signature) {
    this.signature = signature;
  }

  public ImportResult importBuild(Path input, Provenance provenance) {
    if (Files.isDirectory(input)) {
      JsonNode failed = failedResult(input);
      if (failed != null) {
        return importFailed(input, failed, provenance);
      }
    }
    Path changesFile = findChanges(input);
    Path dir = changesFile.toAbsolutePath().getParent();
    ChangesSignature.Checked checked = signature.read(changesFile);
    Changes changes = checked.changes();
    changes.verifyFiles(dir);
    if (checked.signer() != null) {
      provenance = provenance.signedBy(checked.signer());
    }

    List<Input> artifacts = new ArrayList<>();
    String changesName = changesFile.getFileName().toString();
    artifacts.add(new Input(changesFile, changesName, "changes", sha256Of(changesFile)));
    for (ListedFile f : changes.files()) {
      artifacts.add(
          new Input(
              dir.resolve(f.name()),
              f.name(),
              BuildFile.kindOf(f.name()),
              f.digest(ChecksumField.SHA256)));
    }
    String content = contentDigest(artifacts);
    List<Input> extras = resultFiles(dir, changes.source(), changes.version());

    String source = changes.source();
    String version = changes.version();
    Build draft =
        new Build(
            0,
            source,
            version,
            BuildState.COMPLETE,
            changes.architecture(),
            changes.binary(),
            String.join(" ", changes.distribution()),
            changesName,
            content,
            provenance,
            List.of());
    return store(draft, concat(artifacts, extras));
  }

  /**
   * Stores the files, then records the build in one transaction. A FAILED or CANCELED build of the
   * same source version is replaced (Koji recycles those); any other is a no-op when its content is
   * identical and a conflict when not.
   */
  private ImportResult store(Build draftWithoutFiles, List<Input> inputs) {
    String source = draftWithoutFiles.source();
    String version = draftWithoutFiles.version();
    String content = draftWithoutFiles.contentSha256();
    Provenance provenance = draftWithoutFiles.provenance();
    var existing = Sql.inTransaction(db, sql -> BuildRecords.find(sql, source, version));
    if (existing.isPresent() && !recyclable(existing.get(), content)) {
      return unchangedOrConflict(existing.get(), content);
    }

    List<BuildFile> files = new ArrayList<>();
    NewBlobs created = blobs.newBlobs();
    try {
      for (Input in : inputs) {
        Blob blob = blobs.put(in.path(), in.sha256(), created);
        files.add(new BuildFile(in.name(), in.kind(), blob.size(), blob.sha256()));
      }
    } catch (RuntimeException e) {
      takeBack(created);
      throw e;
    }
    // A crash here (not a failure: nothing runs after it) leaves the blobs to gc.
    checkpoint.reached(Checkpoint.BLOBS_WRITTEN);
    try {
      return record(draftWithoutFiles, files);
    } catch (RuntimeException e) {
      takeBack(created);
      throw e;
    }
  }

  /**
   * After a failed import, its new blobs go at once (issue 13: a database failure used to leave
   * them until the next gc). A blob a build refers to by now stays.
   */
  private void takeBack(NewBlobs created) {
    if (created.list().isEmpty()) {
      return;
    }
    try {
      created.takeBack(sha -> Sql.inTransaction(db, sql -> BuildRecords.isReferenced(sql, sha)));
    } catch (RuntimeException e) {
      // The database is what failed, perhaps: leave the blobs to gc rather than guess.
    }
  }

  private ImportResult record(Build draftWithoutFiles, List<BuildFile> files) {
    String source = draftWithoutFiles.source();
    String version = draftWithoutFiles.version();
    String content = draftWithoutFiles.contentSha256();
    Provenance provenance = draftWithoutFiles.provenance();

    Build d = draftWithoutFiles;
    Build draft =
        new Build(
            0,
            source,
            version,
            d.state(),
            d.architectures(),
            d.binaries(),
            d.distribution(),
            d.changes(),
            content,
            provenance,
            files);
    try {
      return Sql.inTransaction(
          db,
          sql -> {
            var raced = BuildRecords.find(sql, source, version);
            if (raced.isPresent() && !recyclable(raced.get(), content)) {
              return unchangedOrConflict(raced.get(), content);
            }
            long id =
                raced.isPresent()
                    ? BuildRecords.replace(sql, raced.get().id(), draft)
                    : BuildRecords.insert(sql, draft);
            History.record(
                sql,
                provenance.at(),
                provenance.user(),
                "import",
                null,
                draft.nvr(),
                (draft.state() == BuildState.COMPLETE ? "" : draft.state() + "; ")
                    + files.size()
                    + " files"
                    + (raced.isPresent() ? "; replaces a " + raced.get().state() + " build" : "")
                    + jenkins(provenance));
            return new ImportResult(BuildRecords.find(sql, Long.toString(id)).orElseThrow(), true);
          });
    } catch (DebforgeException e) {
      if (Sql.isUniqueViolation(e)) {
        // Another importer committed the same source version between our check and insert.
        var winner = Sql.inTransaction(db, sql -> BuildRecords.find(sql, source, version));
        if (winner.isPresent()) {
          return unchangedOrConflict(winner.get(), content);
        }
      }
      throw e;
    }
  }

  /** Koji reuses the record of a failed or canceled build when the version is built again. */
  private static boolean recyclable(Build existing, String content) {
    return (existing.state() == BuildState.FAILED || existing.state() == BuildState.CANCELED)
        && !existing.contentSha256().equals(content);
  }

  /**
   * result.json of a deb-mock result directory whose build failed or was canceled, or null when the
   * directory holds a successful build (or no result.json).
   */
  private static JsonNode failedResult(Path dir) {
    Path result = dir.resolve("result.json");
    if (!Files.exists(result, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    requireRegular(result);
    JsonNode json = readResult(result);
    String status = json.path("status").asText("");
    return status.equals("failed") || status.equals("canceled") ? json : null;
  }

  /**
   * Records a failed or canceled deb-mock build: no .changes (there may be none), its result.json
   * and logs only, state FAILED or CANCELED. Such a build cannot be tagged; a later successful
   * import of the same version replaces it.
   */
  private ImportResult importFailed(Path dir, JsonNode json, Provenance provenance) {
    Path result = dir.resolve("result.json");
    String source = json.path("source").path("name").asText("");
    String version = json.path("source").path("version").asText("");
    if (!source.matches("[a-z0-9][a-z0-9+.-]+")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          result + ": field source.name '" + source + "' is not a source package name",
          "import a result directory as deb-mock wrote it");
    }
    try {
      org.debforge.core.version.DebianVersion.parse(version);
    } catch (DebforgeException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          result + ": field source.version '" + version + "' is not a Debian version",
          "import a result directory as deb-mock wrote it");
    }
    List<Input> files = resultFiles(dir, source, version);
    String arch = json.path("chroot").path("architecture").asText("");
    Build draft =
        new Build(
            0,
            source,
            version,
            json.path("status").asText().equals("failed") ? BuildState.FAILED : BuildState.CANCELED,
            arch.matches("[a-z0-9-]+") ? List.of(arch) : List.of(),
            List.of(),
            json.path("chroot").path("suite").asText(""),
            "",
            contentDigest(files),
            provenance,
            List.of());
    return store(draft, files);
  }

  private static JsonNode readResult(Path result) {
    try {
      JsonNode json = new ObjectMapper().readTree(result.toFile());
      if (json == null || !json.isObject()) {
        throw new IOException("not a JSON object");
      }
      return json;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          result + ": not valid JSON: " + e.getMessage(),
          "deb-mock writes result.json atomically; this one is damaged",
          e);
    }
  }

  private static ImportResult unchangedOrConflict(Build existing, String content) {
    if (existing.contentSha256().equals(content)) {
      return new ImportResult(existing, false);
    }
    throw new DebforgeException(
        ErrorKind.CONFLICT,
        existing.nvr()
            + " is already imported with other content (build "
            + existing.id()
            + ", imported by "
            + existing.provenance().user()
            + ")",
        "a source version is built once; upload a new version (e.g. a binNMU or a +bN suffix)");
  }

  private static Path findChanges(Path input) {
    if (!Files.exists(input)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          input + ": no such file or directory",
          "give a deb-mock result directory or a .changes file");
    }
    if (Files.isDirectory(input)) {
      List<Path> found;
      try (Stream<Path> s = Files.list(input)) {
        found = s.filter(p -> p.getFileName().toString().endsWith(".changes")).sorted().toList();
      } catch (IOException e) {
        throw new DebforgeException(ErrorKind.IO, input + ": " + e.getMessage(), null, e);
      }
      if (found.isEmpty()) {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND,
            input + ": no .changes file",
            "a build result directory holds the .changes deb-mock or dpkg-genchanges wrote");
      }
      if (found.size() > 1) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            input + ": several .changes files: " + found,
            "import one of them by naming the .changes file");
      }
      input = found.get(0);
    }
    requireRegular(input);
    return input;
  }

  /**
   * deb-mock's result.json and the logs it lists, when the directory is a deb-mock result. The
   * record must describe the same source version as the .changes.
   */
  private static List<Input> resultFiles(Path dir, String source, String version) {
    Path result = dir.resolve("result.json");
    if (!Files.exists(result, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    requireRegular(result);
    JsonNode json = readResult(result);
    String name = json.path("source").path("name").asText("");
    String recorded = json.path("source").path("version").asText("");
    if (!name.equals(source) || !recorded.equals(version)) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          result
              + ": describes "
              + name
              + "_"
              + recorded
              + " but the .changes is for "
              + source
              + "_"
              + version,
          "import a result directory as deb-mock wrote it");
    }
    List<Input> out = new ArrayList<>();
    out.add(new Input(result, "result.json", "result", null));
    for (JsonNode log : json.path("logs")) {
      String logName = log.asText();
      requirePlainName(result, logName);
      Path logFile = dir.resolve(logName);
      if (Files.exists(logFile, LinkOption.NOFOLLOW_LINKS)) {
        requireRegular(logFile);
        out.add(new Input(logFile, logName, "log", null));
      }
    }
    return out;
  }

  private static void requirePlainName(Path from, String name) {
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.contains("/")
        || name.contains("\\")
        || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT,
          from + ": unsafe file name '" + name + "'",
          "a result may only name files in its own directory");
    }
  }

  private static void requireRegular(Path p) {
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT,
          p + ": not a regular file",
          "import plain files, not symbolic links or devices");
    }
  }

  /** sha256 over the sorted {@code sha256 name} lines: equal for identical uploads only. */
  private static String contentDigest(List<Input> artifacts) {
    Map<String, String> sorted = new TreeMap<>();
    for (Input in : artifacts) {
      sorted.put(in.name(), in.sha256() != null ? in.sha256() : sha256Of(in.path()));
    }
    MessageDigest md = sha256();
    sorted.forEach(
        (n, d) ->
            md.update((d + "  " + n + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(md.digest());
  }

  private static String sha256Of(Path file) {
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String jenkins(Provenance p) {
    if (p.jenkinsUrl() == null && p.jenkinsJob() == null) {
      return "";
    }
    return "; jenkins "
        + (p.jenkinsJob() == null ? "" : p.jenkinsJob())
        + (p.jenkinsNumber() == null ? "" : " #" + p.jenkinsNumber())
        + (p.jenkinsUrl() == null ? "" : " " + p.jenkinsUrl());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
