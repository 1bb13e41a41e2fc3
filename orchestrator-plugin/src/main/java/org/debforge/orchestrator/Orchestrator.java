package org.debforge.orchestrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.auth.ApiToken;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.auth.NewToken;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.auth.Tokens;
import org.debforge.orchestrator.auth.WebSessions;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildImporter;
import org.debforge.orchestrator.build.BuildRecords;
import org.debforge.orchestrator.build.ChangesSignature;
import org.debforge.orchestrator.build.Checkpoint;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.compose.Compose;
import org.debforge.orchestrator.compose.ComposeImport;
import org.debforge.orchestrator.compose.ComposeMetadata;
import org.debforge.orchestrator.compose.ComposeRecords;
import org.debforge.orchestrator.compose.ComposeSummary;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.fsck.Fsck;
import org.debforge.orchestrator.fsck.FsckReport;
import org.debforge.orchestrator.history.History;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.publish.PublishedRepositories;
import org.debforge.orchestrator.publish.PublishedRepository;
import org.debforge.orchestrator.publish.Publisher;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.store.GcReport;
import org.debforge.orchestrator.tag.Inheritance;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TagInfo;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.tag.Tags;
import org.debforge.orchestrator.tag.Target;
import org.debforge.orchestrator.upload.UploadSessions;

/**
 * The deb-orchestrator engine: one store (pool + database) and every operation on it. The CLI and
 * the REST server ({@code http.OrchestratorServer}) are thin adapters over this class; errors are
 * {@link DebforgeException}s. Each write is one transaction and one or more history events
 * attributed to {@code actor}.
 */
public final class Orchestrator implements OrchestratorApi {
  private final BlobStore blobs;
  private final Database db;
  private final Clock clock;
  private final BuildImporter importer;

  public Orchestrator(BlobStore blobs, Database db, Clock clock, Checkpoint checkpoint) {
    this.blobs = blobs;
    this.db = db;
    this.clock = clock;
    this.importer = new BuildImporter(db, blobs, checkpoint);
  }

  /**
   * Opens the store in {@code storeDir}: the pool there, and the embedded database there unless
   * {@code jdbcUrl} names a PostgreSQL database.
   */
  public static Orchestrator open(Path storeDir, String jdbcUrl, String user, String password) {
    BlobStore blobs = new BlobStore(storeDir);
    Database db =
        jdbcUrl == null
            ? Database.embedded(storeDir)
            : Database.postgresql(jdbcUrl, user, password);
    return new Orchestrator(blobs, db, Clock.systemUTC(), Checkpoint.NONE);
  }

  public BlobStore blobs() {
    return blobs;
  }

  /** APT publishing of tags, into {@code STORE/repos/TAG}. */
  public Publisher publisher() {
    return new Publisher(db, blobs, blobs.root().resolve("repos"), clock);
  }

  private Instant now() {
    return clock.instant();
  }

  // --- builds -------------------------------------------------------------------------------

  @Override
  public ImportResult importBuild(Path changesOrDir, Provenance provenance) {
    return importer.importBuild(changesOrDir, provenance);
  }

  /**
   * Requires every imported .changes to be signed by a key in these keyrings (none: no check), and
   * records the signer's fingerprint in the build's provenance.
   */
  public void requireSignedChanges(ChangesSignature signature) {
    importer.signature(signature);
  }

  public Build build(String ref) {
    return Sql.inTransaction(db, sql -> BuildRecords.require(sql, ref));
  }

  /** Koji's delete-build: untagged everywhere, state DELETED, its blobs left to gc. */
  @Override
  public Build deleteBuild(String actor, String ref) {
    return Sql.inTransaction(db, sql -> Tagging.delete(sql, now(), actor, ref));
  }

  /** Every build, oldest first, without its files. */
  public List<Build> listBuilds() {
    return Sql.inTransaction(db, BuildRecords::list);
  }

  /** The stored file with this sha256, if the pool holds it. */
  public Optional<Path> blob(String sha256) {
    Path p = blobs.path(sha256);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  // --- API tokens ---------------------------------------------------------------------------

  /** Creates a token; the returned secret is not stored and cannot be shown again. */
  public NewToken createToken(String actor, String name, Role role) {
    return createToken(actor, name, role, List.of());
  }

  /** Creates a token holding {@code perms} besides its role (what tags' {@code perm} ask for). */
  public NewToken createToken(String actor, String name, Role role, List<String> perms) {
    return Sql.inTransaction(db, sql -> Tokens.create(sql, now(), actor, name, role, perms));
  }

  public List<ApiToken> listTokens() {
    return Sql.inTransaction(db, Tokens::list);
  }

  public Optional<ApiToken> authenticate(String secret) {
    return Sql.inTransaction(db, sql -> Tokens.find(sql, secret));
  }

  /** Revokes a token (name or id) at once, with its web sessions. */
  public ApiToken revokeToken(String actor, String ref) {
    return Sql.inTransaction(db, sql -> Tokens.revoke(sql, now(), actor, ref));
  }

  /** Opens a web session for a token; the returned id is the browser's cookie. */
  public String openWebSession(ApiToken token) {
    return Sql.inTransaction(db, sql -> WebSessions.open(sql, now(), token));
  }

  /** The token of a live web session. */
  public Optional<ApiToken> webSession(String id) {
    return Sql.inTransaction(db, sql -> WebSessions.find(sql, now(), id));
  }

  public void endWebSession(String id) {
    Sql.inTransaction(
        db,
        sql -> {
          WebSessions.end(sql, id);
          return null;
        });
  }

  // --- tags ---------------------------------------------------------------------------------

  public Tag addTag(String actor, String name, List<String> arches) {
    return Sql.inTransaction(db, sql -> Tags.add(sql, now(), actor, name, arches));
  }

  @Override
  public Tag editTag(String actor, String name, List<String> arches, Boolean locked, String perm) {
    return Sql.inTransaction(db, sql -> Tags.edit(sql, now(), actor, name, arches, locked, perm));
  }

  public void addInheritance(String actor, String tag, InheritanceLink link) {
    Sql.inTransaction(
        db,
        sql -> {
          Tags.addInheritance(sql, now(), actor, tag, link);
          return null;
        });
  }

  public Target addTarget(String actor, String name, String buildTag, String destTag) {
    return Sql.inTransaction(db, sql -> Tags.addTarget(sql, now(), actor, name, buildTag, destTag));
  }

  public List<Target> targets() {
    return Sql.inTransaction(db, sql -> Tags.targets(sql, null));
  }

  public void addPackage(String actor, String tag, String pkg, String owner, boolean blocked) {
    Sql.inTransaction(
        db,
        sql -> {
          Tags.setPackage(sql, now(), actor, tag, pkg, owner, blocked);
          return null;
        });
  }

  public Tag tag(String name) {
    return Sql.inTransaction(db, sql -> Tags.require(sql, name));
  }

  public List<Tag> listTags() {
    return Sql.inTransaction(db, Tags::list);
  }

  public TagInfo tagInfo(String name) {
    return Sql.inTransaction(
        db,
        sql -> {
          Tag tag = Tags.require(sql, name);
          List<Inheritance.Ancestor> order = Inheritance.resolve(sql, tag);
          return new TagInfo(
              tag,
              Tags.effectiveArches(sql, order),
              Tags.parents(sql, tag),
              order,
              Tags.ownPackages(sql, tag),
              Tags.targets(sql, tag));
        });
  }

  public Tag cloneTag(String actor, String from, String to) {
    return Sql.inTransaction(db, sql -> Tagging.cloneTag(sql, now(), actor, from, to));
  }

  // --- tagging ------------------------------------------------------------------------------

  /** As the local store's user, who is its admin. */
  @Override
  public void tagBuild(String actor, String tag, String build) {
    tagBuild(Caller.local(actor), tag, build);
  }

  /** Tags a build if {@code who} may change the tag (its lock and perm allowing). */
  public void tagBuild(Caller who, String tag, String build) {
    Sql.inTransaction(
        db,
        sql -> {
          Tagging.tag(sql, now(), who, tag, build);
          return null;
        });
  }

  @Override
  public void untagBuild(String actor, String tag, String build) {
    untagBuild(Caller.local(actor), tag, build);
  }

  public void untagBuild(Caller who, String tag, String build) {
    Sql.inTransaction(
        db,
        sql -> {
          Tagging.untag(sql, now(), who, tag, build);
          return null;
        });
  }

  @Override
  public void moveBuild(String actor, String from, String to, String build) {
    moveBuild(Caller.local(actor), from, to, build);
  }

  /** Untags from {@code from} and tags into {@code to} in one transaction; both tags checked. */
  public void moveBuild(Caller who, String from, String to, String build) {
    Sql.inTransaction(
        db,
        sql -> {
          Instant at = now();
          Tagging.untag(sql, at, who, from, build);
          Tagging.tag(sql, at, who, to, build);
          return null;
        });
  }

  public List<TaggedBuild> listTagged(String tag, Tagging.Query query) {
    return Sql.inTransaction(db, sql -> Tagging.list(sql, tag, query));
  }

  /** The newest build of {@code pkg} in {@code tag}, with inheritance, as Koji's latest-build. */
  public TaggedBuild latestBuild(String tag, String pkg) {
    List<TaggedBuild> found = listTagged(tag, new Tagging.Query(true, true, null, pkg));
    if (found.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "no build of '" + pkg + "' in tag '" + tag + "' or its parents",
          "see 'deb-orchestrator list-tagged " + tag + " --inherit'");
    }
    return found.get(0);
  }

  public List<HistoryEvent> history(String tag, String build) {
    return Sql.inTransaction(db, sql -> History.list(sql, tag, build));
  }

  // --- composes -----------------------------------------------------------------------------

  /** Records a compose of tumbi-assembler: one transaction; identical re-imports are no-ops. */
  @Override
  public ComposeImport importCompose(String actor, ComposeMetadata metadata) {
    return Sql.inTransaction(db, sql -> ComposeRecords.importCompose(sql, now(), actor, metadata));
  }

  @Override
  public Compose compose(String composeId) {
    return Sql.inTransaction(db, sql -> ComposeRecords.require(sql, composeId));
  }

  @Override
  public List<ComposeSummary> listComposes() {
    return Sql.inTransaction(db, ComposeRecords::list);
  }

  /** The composes that read {@code tag} at {@code snapshot} (null: its live suite). */
  public List<ComposeSummary> composesUsing(String tag, String snapshot) {
    return Sql.inTransaction(db, sql -> ComposeRecords.usingTag(sql, tag, snapshot, false));
  }

  /** The composes that read {@code tag}, live or at any snapshot. */
  public List<ComposeSummary> composesUsing(String tag) {
    return Sql.inTransaction(db, sql -> ComposeRecords.usingTag(sql, tag, null, true));
  }

  /** The composes that hold a package of the build {@code ref} (SOURCE_VERSION or id). */
  public List<ComposeSummary> composesWithBuild(String ref) {
    return Sql.inTransaction(
        db, sql -> ComposeRecords.containingBuild(sql, BuildRecords.require(sql, ref).id()));
  }

  @Override
  public PublishedRepository publishedRepository(String tag, String snapshot) {
    return new PublishedRepositories(publisher()).find(tag, snapshot);
  }

  // --- maintenance --------------------------------------------------------------------------

  /**
   * Removes blobs no build refers to, and temporary files of interrupted writes, when older than
   * {@code grace}. The grace period protects an import in flight, whose blobs are written before
   * its transaction commits.
   */
  public GcReport gc(Duration grace) {
    Instant cutoff = now().minus(grace);
    Set<String> referenced = new HashSet<>(Sql.inTransaction(db, BuildRecords::referencedBlobs));
    List<String> removed = new ArrayList<>();
    long freed = 0;
    int kept = 0;
    for (BlobStore.StoredBlob b : blobs.list()) {
      if (referenced.contains(b.blob().sha256())) {
        kept++;
      } else if (!b.modified().isAfter(cutoff)) {
        blobs.delete(b.blob().sha256());
        removed.add(b.blob().sha256());
        freed += b.blob().size();
      }
    }
    List<Path> leftovers = new ArrayList<>();
    for (Path p : blobs.leftovers(cutoff)) {
      // A resumable upload waits for its client longer than any grace: until it expires.
      try {
        if (UploadSessions.expired(p, now())) {
          leftovers.add(p);
        }
      } catch (java.io.IOException e) {
        leftovers.add(p);
      }
    }
    leftovers.forEach(blobs::deleteFile);
    return new GcReport(removed, freed, kept, leftovers.size());
  }

  /**
   * Verifies every blob's sha256 and every live build's files against the pool, and reports
   * orphaned blobs; with {@code repair}, removes the orphans older than {@code grace} (younger ones
   * may belong to an import about to commit).
   */
  public FsckReport fsck(boolean repair, Duration grace) {
    return new Fsck(db, blobs).run(repair, now().minus(grace));
  }

  @Override
  public void close() {
    db.close();
  }
}
