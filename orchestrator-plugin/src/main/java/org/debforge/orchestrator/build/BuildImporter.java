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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Changes;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.Dsc;
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
    String changesName = changesFile.getFileName().toString();
    UploadCheck.requireRegularFiles(dir, changes);
    changes.verifyFiles(dir);
    UploadCheck.binaries(dir, changesName, changes);
    if (checked.signer() != null) {
      provenance = provenance.signedBy(checked.signer());
    }

    List<Input> artifacts = new ArrayList<>();
    artifacts.add(new Input(changesFile, changesName, "changes", sha256Of(changesFile)));
    for (ListedFile f : changes.files()) {
      artifacts.add(
          new Input(
              dir.resolve(f.name()),
              f.name(),
              BuildFile.kindOf(f.name()),
              f.digest(ChecksumField.SHA256)));
    }
    artifacts.addAll(resultSource(dir, changes, artifacts));
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
    List<Input> inputs = concat(artifacts, extras);
    requireFits(changesFile, draft, inputs);
    return store(draft, inputs);
  }

  /**
   * Stores the files, then records the build in one transaction. The result joins the build of its
   * source version as another architecture's part; re-importing a part is a no-op when its content
   * is identical and a conflict when not. A FAILED or CANCELED build of the same source version is
   * replaced (Koji recycles those).
   */
  private ImportResult store(Build draft, List<Input> inputs) {
    try {
      return store(draft, inputs, true);
    } catch (Raced e) {
      // Another importer changed the build between our plan and our transaction: plan again.
      return store(draft, inputs, false);
    }
  }

  private ImportResult store(Build draft, List<Input> inputs, boolean mayRetry) {
    String source = draft.source();
    String version = draft.version();
    Provenance provenance = draft.provenance();
    BuildPart part =
        new BuildPart(
            BuildPart.keyOf(draft.architectures()),
            draft.changes(),
            draft.contentSha256(),
            provenance);
    var existing = Sql.inTransaction(db, sql -> BuildRecords.find(sql, source, version));
    Plan plan = plan(existing.orElse(null), draft, part, inputs);
    if (plan.unchanged() != null) {
      return plan.unchanged();
    }

    Map<Path, Blob> written = new HashMap<>();
    NewBlobs created = blobs.newBlobs();
    try {
      for (Input in : plan.inputs()) {
        written.put(in.path(), blobs.put(in.path(), in.sha256(), created));
      }
    } catch (RuntimeException e) {
      takeBack(created);
      throw e;
    }
    // A crash here (not a failure: nothing runs after it) leaves the blobs to gc.
    checkpoint.reached(Checkpoint.BLOBS_WRITTEN);

    try {
      return Sql.inTransaction(
          db,
          sql -> {
            Build raced = BuildRecords.find(sql, source, version).orElse(null);
            Plan now = plan(raced, draft, part, inputs);
            if (now.unchanged() != null) {
              return now.unchanged();
            }
            List<BuildFile> files = new ArrayList<>();
            for (Input in : now.inputs()) {
              Blob blob = written.get(in.path());
              if (blob == null) {
                if (mayRetry) {
                  throw new Raced();
                }
                throw conflict(raced, part);
              }
              files.add(
                  new BuildFile(in.name(), in.kind(), blob.size(), blob.sha256(), part.arch()));
            }
            long id;
            String detail;
            if (now.action() == Action.JOIN) {
              id = raced.id();
              List<BuildPart> parts = new ArrayList<>(raced.parts());
              parts.add(part);
              BuildRecords.join(
                  sql,
                  id,
                  part,
                  files,
                  union(raced.architectures(), draft.architectures()),
                  union(raced.binaries(), draft.binaries()),
                  partsDigest(parts));
              detail = part.arch() + " joins; " + files.size() + " files";
            } else {
              Build full =
                  new Build(
                      0,
                      source,
                      version,
                      draft.state(),
                      draft.architectures(),
                      draft.binaries(),
                      draft.distribution(),
                      draft.changes(),
                      draft.contentSha256(),
                      provenance,
                      files,
                      List.of(part));
              id =
                  raced != null
                      ? BuildRecords.replace(sql, raced.id(), full)
                      : BuildRecords.insert(sql, full);
              detail =
                  (draft.state() == BuildState.COMPLETE ? "" : draft.state() + "; ")
                      + files.size()
                      + " files"
                      + (raced != null ? "; replaces a " + raced.state() + " build" : "");
            }
            History.record(
                sql,
                provenance.at(),
                provenance.user(),
                "import",
                null,
                draft.nvr(),
                detail + jenkins(provenance));
            return new ImportResult(BuildRecords.find(sql, Long.toString(id)).orElseThrow(), true);
          });
    } catch (DebforgeException e) {
      takeBack(created);
      if (Sql.isUniqueViolation(e) && mayRetry) {
        // Another importer committed this source version (or this part) between our check and
        // insert: plan again against what it committed.
        throw new Raced();
      }
      throw e;
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

  /** The build changed under an import; it is planned again, once. */
  private static final class Raced extends RuntimeException {
    Raced() {
      super(null, null, false, false);
    }
  }

  private enum Action {
    CREATE,
    REPLACE,
    JOIN
  }

  /** What an import does to the build it finds: the files to store, or the no-op answer. */
  private record Plan(Action action, List<Input> inputs, ImportResult unchanged) {}

  private static Plan plan(Build existing, Build draft, BuildPart part, List<Input> inputs) {
    if (existing == null) {
      return new Plan(Action.CREATE, inputs, null);
    }
    var same = existing.part(part.arch());
    if (same.isPresent() && same.get().contentSha256().equals(part.contentSha256())) {
      return new Plan(null, List.of(), new ImportResult(existing, false));
    }
    if (existing.state() == BuildState.FAILED || existing.state() == BuildState.CANCELED) {
      return new Plan(Action.REPLACE, inputs, null);
    }
    if (same.isPresent()
        || existing.state() != BuildState.COMPLETE
        || draft.state() != BuildState.COMPLETE) {
      throw conflict(existing, part);
    }
    Map<String, BuildFile> have = new HashMap<>();
    for (BuildFile f : existing.files()) {
      have.put(f.name(), f);
    }
    List<Input> out = new ArrayList<>();
    for (Input in : inputs) {
      BuildFile old = have.get(in.name());
      if (old == null) {
        out.add(in);
        continue;
      }
      if (in.kind().equals("log") || in.kind().equals("result")) {
        // Each architecture's result.json and logs are kept apart: build.log -> build_arm64.log.
        String name = qualified(in.name(), part.arch());
        if (have.containsKey(name)) {
          throw conflict(existing, part);
        }
        out.add(new Input(in.path(), name, in.kind(), in.sha256()));
        continue;
      }
      String sha = in.sha256() != null ? in.sha256() : sha256Of(in.path());
      if (!old.sha256().equals(sha)) {
        throw new DebforgeException(
            ErrorKind.CONFLICT,
            in.name()
                + " is already in build "
                + existing.nvr()
                + " (from its "
                + old.arch()
                + " part) with other content",
            "the source and the 'all' packages of a version are built once; build the other"
                + " architectures binary-only (dpkg-buildpackage -B)");
      }
      // The source and 'all' packages join the build once.
    }
    return new Plan(Action.JOIN, out, null);
  }

  private static String qualified(String name, String arch) {
    int dot = name.lastIndexOf('.');
    String tag = "_" + arch.replace(' ', '_');
    return dot <= 0 ? name + tag : name.substring(0, dot) + tag + name.substring(dot);
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    for (String s : b) {
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** A build's digest: its only part's, else one over every part's (sorted by architecture). */
  private static String partsDigest(List<BuildPart> parts) {
    if (parts.size() == 1) {
      return parts.get(0).contentSha256();
    }
    Map<String, String> sorted = new TreeMap<>();
    parts.forEach(p -> sorted.put(p.arch(), p.contentSha256()));
    MessageDigest md = sha256();
    sorted.forEach(
        (a, d) ->
            md.update((d + "  " + a + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * Refuses, before any blob is written, a value the database could not hold (the column sizes of
   * V1 and V4): the refusal names the file and the field instead of failing in the transaction.
   */
  private static void requireFits(Path from, Build b, List<Input> inputs) {
    Provenance p = b.provenance();
    fits(from, "Source", b.source(), 200);
    fits(from, "Version", b.version(), 200);
    fits(from, "Architecture", String.join(" ", b.architectures()), 1000);
    fits(from, "Binary", String.join(" ", b.binaries()), 8000);
    fits(from, "Distribution", b.distribution(), 200);
    fits(from, "file name", b.changes(), 255);
    for (Input in : inputs) {
      fits(from, "file name", in.name(), 255);
    }
    fits(from, "user", p.user(), 200);
    fits(from, "jenkins_url", p.jenkinsUrl(), 2000);
    fits(from, "jenkins_job", p.jenkinsJob(), 500);
    fits(from, "signed_by", p.signedBy(), 64);
  }

  private static void fits(Path from, String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          from
              + ": field "
              + field
              + " is "
              + value.length()
              + " characters long, over the "
              + max
              + " the store keeps ('"
              + value.substring(0, 40)
              + "...')",
          "shorten it; no Debian archive accepts values this long");
    }
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
    requireFits(result, draft, files);
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

  private static DebforgeException conflict(Build existing, BuildPart part) {
    return new DebforgeException(
        ErrorKind.CONFLICT,
        existing.nvr()
            + (existing.parts().size() > 1 || existing.part(part.arch()).isPresent()
                ? " (" + part.arch() + ")"
                : "")
            + " is already imported with other content (build "
            + existing.id()
            + ", "
            + existing.state()
            + ", imported by "
            + existing.provenance().user()
            + ")",
        "a source version is built once per architecture; upload a new version (e.g. a binNMU or"
            + " a +bN suffix)");
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

  /**
   * The source package a deb-mock result keeps beside a binary-only .changes (result.json's
   * artifacts of kind {@code dsc}; issue 13 part 2): the .dsc must be of this upload's source and
   * version, and every file it lists must be a plain file with the size and digests it gives. None
   * when the .changes already lists a .dsc (a sourceful upload) or the directory is no deb-mock
   * result.
   */
  private static List<Input> resultSource(Path dir, Changes changes, List<Input> listed) {
    Path result = dir.resolve("result.json");
    if (!Files.exists(result, LinkOption.NOFOLLOW_LINKS)
        || listed.stream().anyMatch(in -> in.kind().equals("dsc"))) {
      return List.of();
    }
    requireRegular(result);
    List<Input> out = new ArrayList<>();
    for (JsonNode a : readResult(result).path("artifacts")) {
      if (!a.path("kind").asText().equals("dsc")) {
        continue;
      }
      String name = a.path("name").asText();
      requirePlainName(result, name);
      Path file = dir.resolve(name);
      requireRegular(file);
      Dsc dsc = Dsc.read(file);
      String version = changes.sourceVersion().orElse(changes.version());
      if (!dsc.source().equals(changes.source()) || !dsc.version().equals(version)) {
        throw new DebforgeException(
            ErrorKind.VERIFICATION_FAILED,
            file
                + ": field Source/Version '"
                + dsc.source()
                + " "
                + dsc.version()
                + "' is not the source of the .changes ('"
                + changes.source()
                + " "
                + version
                + "')",
            "a deb-mock result keeps the source package it built; import the directory as written");
      }
      for (ListedFile f : dsc.files()) {
        Path p = dir.resolve(f.name());
        if (Files.isSymbolicLink(p)) {
          requireRegular(p);
        }
      }
      dsc.verifyFiles(dir);
      out.add(new Input(file, name, "dsc", sha256Of(file)));
      for (ListedFile f : dsc.files()) {
        out.add(
            new Input(dir.resolve(f.name()), f.name(), "source", f.digest(ChecksumField.SHA256)));
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
    // history.detail holds 2000 characters; a long Jenkins URL is cut there, never refused.
    String s = jenkinsText(p);
    return s.length() > 1900 ? s.substring(0, 1900) + "..." : s;
  }

  private static String jenkinsText(Provenance p) {
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
