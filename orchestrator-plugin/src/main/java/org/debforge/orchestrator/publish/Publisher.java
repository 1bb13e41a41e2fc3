package org.debforge.orchestrator.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Paragraph;
import org.debforge.core.deb.DebArchive;
import org.debforge.core.pgp.Signer;
import org.debforge.core.repo.PoolScanner;
import org.debforge.core.repo.SuiteSettings;
import org.debforge.core.repo.SuiteUpdater;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.history.History;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.tag.Inheritance;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.tag.Tags;

/**
 * Publishes a tag as a signed APT repository in {@code STORE/repos/TAG/}: what {@code list-tagged
 * TAG --inherit [--latest]} lists, its files hard-linked into {@code pool/}, its indexes written by
 * {@link SuiteUpdater} (atomic and incremental). The .deb control data come from {@link
 * DebControlCache}, so a re-publish reads no .deb it has read before.
 */
public final class Publisher {
  /** How long by-hash indexes of earlier Releases stay, for clients still holding those. */
  static final Duration BY_HASH_GRACE = Duration.ofHours(1);

  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Database db;
  private final BlobStore blobs;
  private final Path reposRoot;
  private final Clock clock;

  public Publisher(Database db, BlobStore blobs, Path reposRoot, Clock clock) {
    this.db = db;
    this.blobs = blobs;
    this.reposRoot = reposRoot;
    this.clock = clock;
  }

  /** Where the tag's repository is published (the directory may not exist yet). */
  public Path repository(String tag) {
    return reposRoot.resolve(Tag.requireName(tag));
  }

  /** The tag's settings, or the defaults when it has none. */
  public PublishSettings settings(String tag) {
    return Sql.inTransaction(
        db,
        sql ->
            PublishSettingsRecords.find(sql, Tags.require(sql, tag))
                .orElse(PublishSettings.defaults(tag)));
  }

  public PublishSettings configure(String actor, String tag, PublishSettings s) {
    Sql.inTransaction(
        db,
        sql -> {
          PublishSettingsRecords.put(sql, clock.instant(), actor, tag, s);
          return null;
        });
    return s;
  }

  /**
   * Publishes {@code tag}; with {@code snapshotId} also keeps the result as an immutable snapshot,
   * with {@code exportDir} also mirrors the repository there.
   */
  public PublishResult publish(String actor, String tag, String snapshotId, Path exportDir) {
    long start = System.nanoTime();
    if (snapshotId != null) {
      SuiteUpdater.requireSnapshotId(snapshotId);
    }
    Plan plan = Sql.inTransaction(db, sql -> plan(sql, tag));
    PublishSettings s = plan.settings();
    // Read the key before writing anything: a bad key or passphrase leaves the repository as it
    // was.
    Signer key = s.signingKey() == null ? null : signer(s.signingKey());
    // Its public half too (gpg may have to export it): a failure here also leaves all as it was.
    byte[] publicKey = key == null ? null : ArchiveKey.publicKey(key);
    Path repo = repository(tag);
    ReentrantLock lock =
        LOCKS.computeIfAbsent(repo.toAbsolutePath().normalize(), p -> new ReentrantLock());
    lock.lock();
    // The file lock also serialises publishers in other processes (PostgreSQL-backed stores).
    try (FileChannel ch = lockFile(repo);
        FileLock unused = ch.lock()) {
      PoolLinks links = new PoolLinks();
      Contents c = contents(plan, repo, links);
      SuiteSettings suite =
          new SuiteSettings(
              s.origin(),
              s.label(),
              s.suite(),
              s.codename(),
              s.description(),
              s.components().get(0),
              plan.architectures(),
              clock.instant().atZone(java.time.ZoneOffset.UTC),
              false);
      Path suiteDir = repo.resolve("dists").resolve(s.suite());
      List<String> components = new ArrayList<>(s.components());
      for (String comp : s.components()) {
        if (c.indexes().keySet().stream().anyMatch(k -> k.startsWith(comp + "/debug/"))) {
          components.add(comp + "/debug");
        }
      }
      SuiteUpdater.Result r =
          SuiteUpdater.update(suiteDir, suite, components, c.indexes(), key, BY_HASH_GRACE);
      ArchiveKey.write(repo, publicKey);
      int removed = PoolPrune.prune(repo, c.poolFiles());
      String snapshot =
          snapshotId == null ? null : SuiteUpdater.snapshot(suiteDir, snapshotId).toString();
      String export = exportDir == null ? null : RepoExport.export(repo, exportDir).toString();
      Sql.inTransaction(
          db,
          sql -> {
            History.record(
                sql,
                clock.instant(),
                actor,
                "publish",
                tag,
                null,
                r.written().size()
                    + " indexes written"
                    + (snapshotId == null ? "" : ", snapshot " + snapshotId));
            return null;
          });
      return new PublishResult(
          tag,
          s.suite(),
          repo.toString(),
          plan.builds().size(),
          c.binaries(),
          c.sources(),
          r.written(),
          r.unchanged(),
          r.releaseWritten(),
          links.linked(),
          links.copied(),
          removed,
          key == null ? null : key.fingerprint(),
          snapshot,
          export,
          Duration.ofNanos(System.nanoTime() - start).toMillis());
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, repo + ": " + e.getMessage(), null, e);
    } finally {
      lock.unlock();
    }
  }

  /** What the tag holds, read in one transaction. */
  private record Plan(
      PublishSettings settings,
      List<String> architectures,
      List<Build> builds,
      boolean splitDebug) {}

  private static Plan plan(Sql sql, String tagName) {
    Tag tag = Tags.require(sql, tagName);
    PublishSettings s =
        PublishSettingsRecords.find(sql, tag).orElse(PublishSettings.defaults(tagName));
    List<String> arches = new ArrayList<>(s.architectures());
    if (arches.isEmpty()) {
      arches.addAll(Tags.effectiveArches(sql, Inheritance.resolve(sql, tag)));
      arches.remove("all");
    }
    if (arches.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "tag '" + tagName + "' has no architectures to publish",
          "set them: deb-orchestrator edit-tag "
              + tagName
              + " --arches amd64, or publish-config "
              + tagName
              + " --arches amd64");
    }
    List<Build> tagged = new ArrayList<>();
    for (TaggedBuild tb :
        Tagging.list(sql, tagName, new Tagging.Query(true, s.latestOnly(), null, null))) {
      tagged.add(tb.build());
    }
    return new Plan(s, arches, withFiles(sql, tagged), s.splitDebug());
  }

  /** A debug-symbols package, as debhelper's dh_strip makes them (Debian's debug archive). */
  private static boolean isDebug(Paragraph control) {
    return control.value("Package").strip().endsWith("-dbgsym")
        || "debug-symbols".equals(control.get("Auto-Built-Package").map(String::strip).orElse(""));
  }

  /** The builds with their published files (the listing comes without files), chunked queries. */
  private static List<Build> withFiles(Sql sql, List<Build> builds) {
    Map<Long, List<BuildFile>> files = new HashMap<>();
    for (int i = 0; i < builds.size(); i += 500) {
      List<Build> chunk = builds.subList(i, Math.min(builds.size(), i + 500));
      sql.query(
          "SELECT build_id, name, kind, size, sha256 FROM build_files WHERE kind IN ('deb', 'dsc',"
              + " 'source') AND build_id IN ("
              + String.join(", ", Collections.nCopies(chunk.size(), "?"))
              + ") ORDER BY name",
          rs ->
              files
                  .computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                  .add(
                      new BuildFile(
                          rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5))),
          chunk.stream().map(Build::id).toArray());
    }
    List<Build> out = new ArrayList<>();
    for (Build b : builds) {
      out.add(b.withFiles(files.getOrDefault(b.id(), List.of())));
    }
    return out;
  }

  /** The indexes' stanzas and the pool files (relative to the repository) they name. */
  private record Contents(
      TreeMap<String, List<Paragraph>> indexes, Set<String> poolFiles, int binaries, int sources) {}

  private Contents contents(Plan plan, Path repo, PoolLinks links) throws IOException {
    List<String> comps = plan.settings().components();
    Map<String, DebControlCache.Entry> controls = controls(plan.builds());
    TreeMap<String, List<Paragraph>> indexes = new TreeMap<>();
    for (String comp : comps) {
      for (String arch : plan.architectures()) {
        indexes.put(comp + "/binary-" + arch + "/Packages", new ArrayList<>());
      }
      indexes.put(comp + "/source/Sources", new ArrayList<>());
    }
    Set<String> poolFiles = new HashSet<>();
    int binaries = 0;
    int sources = 0;
    for (Build b : plan.builds()) {
      String buildComp = null;
      for (BuildFile f : b.files()) {
        if (!f.kind().equals("deb")) {
          continue;
        }
        DebControlCache.Entry e = controls.get(f.sha256());
        String comp = PoolLinks.component(e.control().get("Section").orElse(null), comps);
        buildComp = buildComp == null ? comp : buildComp;
        String path = PoolLinks.directory(comp, b.source()) + "/" + f.name();
        links.place(blobs.path(f.sha256()), repo.resolve(path));
        poolFiles.add(path);
        Paragraph stanza =
            PoolScanner.binaryStanza(e.control(), path, f.size(), e.md5(), f.sha256());
        String arch = stanza.get("Architecture").orElse("").strip();
        String indexComp = comp;
        if (plan.splitDebug() && isDebug(e.control())) {
          // Debug symbols go to COMPONENT/debug, as Debian's debug archive keeps them apart.
          indexComp = comp + "/debug";
          for (String a : plan.architectures()) {
            indexes.computeIfAbsent(
                indexComp + "/binary-" + a + "/Packages", k -> new ArrayList<>());
          }
        }
        for (String a : plan.architectures()) {
          if (arch.equals(a) || arch.equals("all")) {
            indexes.get(indexComp + "/binary-" + a + "/Packages").add(stanza);
          }
        }
        binaries++;
      }
      String comp = buildComp == null ? comps.get(0) : buildComp;
      BuildFile dsc = null;
      for (BuildFile f : b.files()) {
        if (f.kind().equals("dsc") || f.kind().equals("source")) {
          String path = PoolLinks.directory(comp, b.source()) + "/" + f.name();
          links.place(blobs.path(f.sha256()), repo.resolve(path));
          poolFiles.add(path);
          dsc = f.kind().equals("dsc") ? f : dsc;
        }
      }
      if (dsc != null) {
        String dir = PoolLinks.directory(comp, b.source());
        indexes
            .get(comp + "/source/Sources")
            .add(PoolScanner.sourceStanza(repo.resolve(dir).resolve(dsc.name()), dir));
        sources++;
      }
    }
    for (List<Paragraph> stanzas : indexes.values()) {
      stanzas.sort(
          java.util.Comparator.comparing((Paragraph p) -> p.value("Package"))
              .thenComparing(p -> p.get("Filename").or(() -> p.get("Directory")).orElse("")));
    }
    return new Contents(indexes, poolFiles, binaries, sources);
  }

  /**
   * Every .deb's control data: from the cache, else read from its blob (in parallel) and cached.
   */
  private Map<String, DebControlCache.Entry> controls(List<Build> builds) {
    Set<String> wanted = new HashSet<>();
    for (Build b : builds) {
      for (BuildFile f : b.files()) {
        if (f.kind().equals("deb")) {
          wanted.add(f.sha256());
        }
      }
    }
    Map<String, DebControlCache.Entry> found = DebControlCache.load(db, wanted);
    Map<String, DebControlCache.Entry> fresh = new ConcurrentHashMap<>();
    wanted.stream().filter(sha -> !found.containsKey(sha)).toList().parallelStream()
        .forEach(
            sha -> {
              Path blob = blobs.path(sha);
              Paragraph control = DebArchive.control(blob);
              fresh.put(sha, new DebControlCache.Entry(PoolScanner.md5(blob), control));
            });
    if (!fresh.isEmpty()) {
      DebControlCache.store(db, new LinkedHashMap<>(fresh));
      found.putAll(fresh);
    }
    return found;
  }

  private static FileChannel lockFile(Path repo) throws IOException {
    Files.createDirectories(repo);
    return FileChannel.open(
        repo.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /** A secret key file, or a key id of the publishing user's gpg: see {@link Signer#open}. */
  private static Signer signer(String keyFileOrId) {
    String pass = System.getenv("DEB_ORCHESTRATOR_SIGNING_PASSPHRASE");
    return Signer.open(keyFileOrId, pass == null ? null : pass.toCharArray());
  }
}
