package org.debforge.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildState;
import org.debforge.orchestrator.build.Checkpoint;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's behaviour, run against each database: {@link H2OrchestratorTest} and {@link
 * PostgresOrchestratorTest} only say how to open a store.
 */
abstract class OrchestratorContract {
  @TempDir Path tmp;
  Path store;
  Orchestrator o;

  /** Opens a store in {@code storeDir} on a fresh, empty database. */
  abstract Orchestrator open(Path storeDir, Checkpoint checkpoint);

  @BeforeEach
  void openStore() {
    store = tmp.resolve("store");
    o = open(store, Checkpoint.NONE);
  }

  @AfterEach
  void closeStore() {
    o.close();
  }

  static Provenance by(String user) {
    return Provenance.of(user, Instant.parse("2026-01-02T03:04:05Z"));
  }

  Build importUpload(String source, String version, String payload) throws Exception {
    Path changes =
        Uploads.changes(tmp.resolve("up-" + source + version), source, version, "all", payload);
    ImportResult r = o.importBuild(changes, by("alice"));
    assertThat(r.created()).isTrue();
    return r.build();
  }

  /** trixie-build <- trixie-updates-candidate <- trixie-updates, and the candidate target. */
  void trixieTags() {
    o.addTag("admin", "trixie-updates", List.of("amd64", "arm64"));
    o.addTag("admin", "trixie-updates-candidate", List.of());
    o.addTag("admin", "trixie-build", List.of());
    o.addInheritance("admin", "trixie-updates-candidate", InheritanceLink.of("trixie-updates", 0));
    o.addInheritance("admin", "trixie-build", InheritanceLink.of("trixie-updates-candidate", 0));
    o.addTarget("admin", "trixie-candidate", "trixie-build", "trixie-updates-candidate");
    o.addPackage("admin", "trixie-updates", "hello", "alice", false);
  }

  /** Tag perms and token perms in the engine, on each database (V4__tag_permissions.sql). */
  @Test
  void tagPermIsCheckedInTheEngineAgainstTheTokensPerms() throws Exception {
    trixieTags();
    importUpload("hello", "1.0-1", "p");
    o.editTag("admin", "trixie-updates", null, null, "release");
    var plain = o.createToken("admin", "release-team", Role.TAGGER);
    var sru = o.createToken("admin", "sru", Role.TAGGER, List.of("release"));
    Caller without = Caller.of(o.authenticate(plain.secret()).orElseThrow());
    Caller with = Caller.of(o.authenticate(sru.secret()).orElseThrow());
    assertThat(with.perms()).containsExactly("release");
    assertThatThrownBy(() -> o.tagBuild(without, "trixie-updates", "hello_1.0-1"))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
              assertThat(e.getMessage()).contains("'release'");
            });
    assertThat(o.listTagged("trixie-updates", Tagging.Query.all())).isEmpty();
    o.tagBuild(with, "trixie-updates", "hello_1.0-1");
    assertThatThrownBy(() -> o.untagBuild(without, "trixie-updates", "hello_1.0-1"))
        .isInstanceOf(DebforgeException.class);
    o.untagBuild(Caller.local("admin"), "trixie-updates", "hello_1.0-1");
    assertThat(o.tag("trixie-updates").perm()).isEqualTo("release");
    o.editTag("admin", "trixie-updates", null, null, "");
    assertThat(o.tag("trixie-updates").perm()).isNull();
    o.tagBuild(without, "trixie-updates", "hello_1.0-1");
  }

  static List<String> nvrs(List<TaggedBuild> tagged) {
    return tagged.stream().map(tb -> tb.build().nvr() + "@" + tb.tag()).toList();
  }

  @Test
  void scenarioTagsInheritanceLatestUntagAndHistory() throws Exception {
    trixieTags();
    // 1.0-10 > 1.0-9 in dpkg order although not as strings.
    Build older = importUpload("hello", "1.0-9", "nine");
    Build newer = importUpload("hello", "1.0-10", "ten");
    o.tagBuild("bob", "trixie-updates", older.nvr());
    o.tagBuild("carol", "trixie-updates-candidate", newer.nvr());

    assertThat(nvrs(o.listTagged("trixie-build", new Tagging.Query(false, false, null, null))))
        .isEmpty();
    assertThat(nvrs(o.listTagged("trixie-build", new Tagging.Query(true, false, null, null))))
        .containsExactly("hello_1.0-10@trixie-updates-candidate", "hello_1.0-9@trixie-updates");
    assertThat(nvrs(o.listTagged("trixie-build", new Tagging.Query(true, true, null, null))))
        .containsExactly("hello_1.0-10@trixie-updates-candidate");
    assertThat(o.latestBuild("trixie-updates", "hello").build().version()).isEqualTo("1.0-9");
    assertThat(o.tagInfo("trixie-build").effectiveArches()).containsExactly("amd64", "arm64");
    assertThat(o.targets())
        .extracting(t -> t.name() + ":" + t.buildTag() + ">" + t.destTag())
        .containsExactly("trixie-candidate:trixie-build>trixie-updates-candidate");

    o.untagBuild("dave", "trixie-updates-candidate", newer.nvr());
    TaggedBuild latest = o.latestBuild("trixie-build", "hello");
    assertThat(latest.build().nvr()).isEqualTo("hello_1.0-9");
    assertThat(latest.tag()).isEqualTo("trixie-updates");
    assertThat(latest.taggedBy()).isEqualTo("bob");

    List<HistoryEvent> history = o.history("trixie-updates-candidate", null);
    assertThat(history)
        .extracting(e -> e.actor() + " " + e.action() + " " + e.build())
        .containsExactly(
            "admin add-tag null",
            "admin add-inheritance null",
            "admin add-target null",
            "carol tag hello_1.0-10",
            "dave untag hello_1.0-10");
    assertThat(o.history(null, "hello_1.0-10"))
        .extracting(HistoryEvent::action)
        .containsExactly("import", "tag", "untag");
  }

  @Test
  void sameBuildInTwoTagsIsReportedFromTheNearerTag() throws Exception {
    trixieTags();
    Build b = importUpload("hello", "2.0-1", "x");
    o.tagBuild("bob", "trixie-updates", b.nvr());
    o.tagBuild("bob", "trixie-updates-candidate", b.nvr());
    assertThat(nvrs(o.listTagged("trixie-build", new Tagging.Query(true, false, null, null))))
        .containsExactly("hello_2.0-1@trixie-updates-candidate");
  }

  @Test
  void moveBuildIsOneStepAndRecorded() throws Exception {
    trixieTags();
    Build b = importUpload("hello", "1.0-1", "x");
    o.tagBuild("bob", "trixie-updates-candidate", b.nvr());
    o.moveBuild("bob", "trixie-updates-candidate", "trixie-updates", b.nvr());
    assertThat(nvrs(o.listTagged("trixie-updates", Tagging.Query.all())))
        .containsExactly("hello_1.0-1@trixie-updates");
    assertThat(o.listTagged("trixie-updates-candidate", Tagging.Query.all())).isEmpty();
    // A failing move leaves the build where it was.
    assertThatThrownBy(() -> o.moveBuild("bob", "trixie-updates", "no-such-tag", b.nvr()))
        .isInstanceOf(DebforgeException.class)
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(o.listTagged("trixie-updates", Tagging.Query.all())).hasSize(1);
  }

  @Test
  void inheritanceOptionsMaxdepthIntransitiveFilterAndBlocked() throws Exception {
    for (String t : List.of("base", "mid", "top", "side")) {
      o.addTag("admin", t, List.of());
      o.addPackage("admin", t, "hello", "alice", false);
      o.addPackage("admin", t, "linux", "alice", false);
    }
    o.addInheritance("admin", "mid", InheritanceLink.of("base", 0));
    o.addInheritance("admin", "top", new InheritanceLink("mid", 0, 1, false, false, null));
    o.addInheritance("admin", "top", new InheritanceLink("side", 10, null, false, false, "lin"));
    Build hello = importUpload("hello", "1", "h");
    Build linux = importUpload("linux", "6.1-1", "l");
    o.tagBuild("a", "base", hello.nvr());
    o.tagBuild("a", "side", hello.nvr());
    o.tagBuild("a", "side", linux.nvr());
    // maxdepth 1 stops at mid: base's hello is not seen; the filter admits only linux from side.
    assertThat(nvrs(o.listTagged("top", new Tagging.Query(true, false, null, null))))
        .containsExactly("linux_6.1-1@side");
    assertThat(nvrs(o.listTagged("mid", new Tagging.Query(true, false, null, null))))
        .containsExactly("hello_1@base");

    // An intransitive link is followed only from the tag asked about.
    o.addTag("admin", "leaf", List.of());
    o.addInheritance("admin", "base", new InheritanceLink("side", 0, null, true, false, null));
    assertThat(nvrs(o.listTagged("base", new Tagging.Query(true, false, null, null))))
        .containsExactly("hello_1@base", "linux_6.1-1@side");
    o.addInheritance("admin", "leaf", InheritanceLink.of("base", 0));
    assertThat(nvrs(o.listTagged("leaf", new Tagging.Query(true, false, null, null))))
        .containsExactly("hello_1@base");

    // Blocking hides inherited builds and refuses tagging.
    o.addPackage("admin", "leaf", "hello", "alice", true);
    assertThat(o.listTagged("leaf", new Tagging.Query(true, false, null, null))).isEmpty();
    assertThatThrownBy(() -> o.tagBuild("a", "leaf", hello.nvr())).hasMessageContaining("blocked");
    // --arch: an arch: all build is built for every architecture.
    assertThat(o.listTagged("side", new Tagging.Query(false, false, "arm64", null))).hasSize(2);
  }

  @Test
  void lockedTagRefusesChangesUntilUnlocked() throws Exception {
    trixieTags();
    Build b = importUpload("hello", "1.0-1", "x");
    o.editTag("admin", "trixie-updates", null, true);
    assertThatThrownBy(() -> o.tagBuild("bob", "trixie-updates", b.nvr()))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("locked");
    o.editTag("admin", "trixie-updates", null, false);
    o.tagBuild("bob", "trixie-updates", b.nvr());
    assertThat(o.history("trixie-updates", null))
        .extracting(HistoryEvent::action)
        .containsSubsequence("lock", "unlock", "tag");
  }

  @Test
  void cloneTagCopiesArchesPackagesAndBuilds() throws Exception {
    trixieTags();
    Build b = importUpload("hello", "1.0-1", "x");
    o.tagBuild("bob", "trixie-updates", b.nvr());
    o.cloneTag("admin", "trixie-updates", "trixie-updates-snapshot");
    assertThat(o.tagInfo("trixie-updates-snapshot").tag().arches())
        .containsExactly("amd64", "arm64");
    assertThat(nvrs(o.listTagged("trixie-updates-snapshot", Tagging.Query.all())))
        .containsExactly("hello_1.0-1@trixie-updates-snapshot");
  }

  @Test
  void packageMustBeListedBeforeTagging() throws Exception {
    o.addTag("admin", "t", List.of());
    Build b = importUpload("hello", "1", "x");
    assertThatThrownBy(() -> o.tagBuild("bob", "t", b.nvr()))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("not in the package list")
        .extracting(e -> ((DebforgeException) e).hint().orElseThrow())
        .asString()
        .contains("add-pkg t hello");
  }

  @Test
  void reimportingIdenticalContentIsANoOpAndOtherContentAConflict() throws Exception {
    Path dir = tmp.resolve("up");
    Path changes = Uploads.changes(dir, "hello", "1.0-1", "all", "same");
    Build first = o.importBuild(changes, by("alice")).build();
    int blobs = o.blobs().list().size();
    ImportResult again = o.importBuild(changes, by("bob"));
    assertThat(again.created()).isFalse();
    assertThat(again.build().id()).isEqualTo(first.id());
    assertThat(again.build().provenance().user()).isEqualTo("alice");

    Path other = Uploads.changes(tmp.resolve("other"), "hello", "1.0-1", "all", "different");
    assertThatThrownBy(() -> o.importBuild(other, by("mallory")))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("already imported with other content")
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.CONFLICT);
    assertThat(o.blobs().list()).hasSize(blobs);
    assertThat(o.history(null, "hello_1.0-1")).hasSize(1);
  }

  @Test
  void importsADebMockResultDirectoryWithLogsAndJenkinsProvenance() throws Exception {
    Path dir = Uploads.resultDir(tmp.resolve("result"), "hello", "2.10-3", "p");
    Provenance p =
        new Provenance(
            "jenkins",
            Instant.parse("2026-01-02T03:04:05Z"),
            "https://ci.example/job/hello/7/",
            "hello",
            7);
    Build b = o.importBuild(dir, p).build();
    assertThat(b.files())
        .extracting(f -> f.name() + ":" + f.kind())
        .containsExactlyInAnyOrder(
            "build.log:log",
            "root.log:log",
            "result.json:result",
            "hello_2.10-3_amd64.changes:changes",
            "hello_2.10-3_amd64.deb:deb");
    assertThat(o.build("hello_2.10-3").provenance()).isEqualTo(p);
    assertThat(o.build(Long.toString(b.id())).architectures()).containsExactly("amd64");
    for (var f : b.files()) {
      assertThat(o.blobs().path(f.sha256())).hasSameBinaryContentAs(dir.resolve(f.name()));
    }
  }

  // --- hostile input: a clear error, and nothing stored ------------------------------------

  void assertRefusedAndNothingStored(Path input, ErrorKind kind, String message) {
    int events = o.history(null, null).size();
    assertThatThrownBy(() -> o.importBuild(input, by("mallory")))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(kind);
    assertThat(o.blobs().list()).isEmpty();
    assertThat(o.history(null, null)).hasSize(events);
    assertThatThrownBy(() -> o.build("hello_1.0-1")).hasMessageContaining("no build");
  }

  @Test
  void badChecksumIsRefused() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("bad"), "hello", "1.0-1", "all", "x");
    Path deb = changes.resolveSibling("hello_1.0-1_all.deb");
    byte[] bytes = Files.readAllBytes(deb);
    bytes[bytes.length - 1] ^= 1;
    Files.write(deb, bytes);
    assertRefusedAndNothingStored(changes, ErrorKind.VERIFICATION_FAILED, "mismatch");
  }

  @Test
  void pathTraversalInChangesIsRefused() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("evil/up"), "hello", "1.0-1", "all", "x");
    Files.writeString(tmp.resolve("evil/secret.deb"), "secret");
    String text = Files.readString(changes).replace("hello_1.0-1_all.deb", "../secret.deb");
    Files.writeString(changes, text);
    assertRefusedAndNothingStored(changes, ErrorKind.UNSAFE_INPUT, "unsafe file name");
  }

  @Test
  void malformedChangesIsRefused() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("bad"), "hello", "1.0-1", "all", "x");
    String text = Files.readString(changes);
    Files.writeString(changes, text.substring(0, text.indexOf("Checksums-Sha1")));
    assertRefusedAndNothingStored(changes, ErrorKind.INVALID_INPUT, "Files");
  }

  @Test
  void unknownTagIsNotFoundAndChangesNothing() throws Exception {
    Build b = importUpload("hello", "1", "x");
    int events = o.history(null, null).size();
    assertThatThrownBy(() -> o.tagBuild("bob", "no-such-tag", b.nvr()))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("no tag 'no-such-tag'")
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(o.history(null, null)).hasSize(events);
    assertThat(o.listTags()).isEmpty();
  }

  // --- atomicity ------------------------------------------------------------------------------

  @Test
  void failureAfterBlobsLeavesNoBuildAndGcCollectsTheOrphans() throws Exception {
    o.close();
    o =
        open(
            store,
            name -> {
              if (name.equals(Checkpoint.BLOBS_WRITTEN)) {
                throw new IllegalStateException("injected crash at " + name);
              }
            });
    Path changes = Uploads.changes(tmp.resolve("up"), "hello", "1.0-1", "all", "x");
    assertThatThrownBy(() -> o.importBuild(changes, by("alice")))
        .hasMessageContaining("injected crash");
    assertThatThrownBy(() -> o.build("hello_1.0-1")).hasMessageContaining("no build");
    assertThat(o.blobs().list()).hasSize(2);
    // Too young to collect: it could belong to an import about to commit.
    assertThat(o.gc(Duration.ofHours(1)).removed()).isEmpty();
    var report = o.gc(Duration.ZERO);
    assertThat(report.removed()).hasSize(2);
    assertThat(o.blobs().list()).isEmpty();
  }

  @Test
  void gcKeepsReferencedBlobs() throws Exception {
    importUpload("hello", "1.0-1", "x");
    var report = o.gc(Duration.ZERO);
    assertThat(report.removed()).isEmpty();
    assertThat(report.kept()).isEqualTo(2);
  }

  @Test
  void gcRemovesInterruptedUploadsButNotFreshOnesOrForeignDirectories() throws Exception {
    Path uploads = o.blobs().uploads();
    Files.createDirectories(uploads.resolve("upload-1/sub"));
    Files.writeString(uploads.resolve("upload-1/sub/hello.deb"), "half");
    Files.writeString(uploads.resolve("MultiPart123.tmp"), "spooled part");
    Files.writeString(store.resolve("tmp/blob-1.part"), "half a blob");
    Files.createDirectories(store.resolve("tmp/other-tool"));
    assertThat(o.gc(Duration.ofHours(1)).leftovers()).isZero();
    assertThat(o.gc(Duration.ZERO).leftovers()).isEqualTo(3);
    assertThat(uploads).isEmptyDirectory();
    assertThat(store.resolve("tmp/blob-1.part")).doesNotExist();
    assertThat(store.resolve("tmp/other-tool")).isDirectory();
  }

  // --- build states ---------------------------------------------------------------------------

  @Test
  void deleteBuildUntagsEverywhereAndGcCollectsOnlyItsBlobs() throws Exception {
    trixieTags();
    importUpload("hello", "1.0-1", "x");
    Build kept = importUpload("hello", "1.0-2", "y");
    o.tagBuild("bob", "trixie-updates", "hello_1.0-1");
    o.tagBuild("bob", "trixie-updates-candidate", "hello_1.0-1");
    o.editTag("admin", "trixie-updates", null, true);
    assertKindOf(() -> o.deleteBuild("carol", "hello_1.0-1"), ErrorKind.CONFLICT);
    assertThat(o.build("hello_1.0-1").state()).isEqualTo(BuildState.COMPLETE);
    o.editTag("admin", "trixie-updates", null, false);

    Build deleted = o.deleteBuild("carol", "hello_1.0-1");
    assertThat(deleted.state()).isEqualTo(BuildState.DELETED);
    assertThat(deleted.files()).hasSize(2);
    assertThat(o.listTagged("trixie-build", new Tagging.Query(true, false, null, null))).isEmpty();
    assertThat(o.history(null, "hello_1.0-1"))
        .extracting(HistoryEvent::action)
        .containsSubsequence("import", "tag", "tag", "untag", "untag", "delete-build");
    assertKindOf(() -> o.tagBuild("bob", "trixie-updates", "hello_1.0-1"), ErrorKind.CONFLICT);
    assertKindOf(() -> o.deleteBuild("carol", "hello_1.0-1"), ErrorKind.CONFLICT);
    var report = o.gc(Duration.ZERO);
    assertThat(report.removed()).hasSize(2);
    for (var f : kept.files()) {
      assertThat(o.blob(f.sha256())).isPresent();
    }
  }

  @Test
  void failedDebMockResultIsRecordedFailedAndASuccessfulBuildReplacesIt() throws Exception {
    trixieTags();
    Path failed = tmp.resolve("failed");
    Files.createDirectories(failed);
    Files.writeString(failed.resolve("build.log"), "dpkg-buildpackage: error: debian/rules failed");
    Files.writeString(
        failed.resolve("result.json"),
        "{\"schema_version\": 1, \"status\": \"failed\", \"exit_reason\": \"build_failed\","
            + " \"source\": {\"name\": \"hello\", \"version\": \"2.10-3\"},"
            + " \"logs\": [\"build.log\"], \"chroot\": {\"suite\": \"trixie\","
            + " \"architecture\": \"amd64\"}}");
    ImportResult r = o.importBuild(failed, by("jenkins"));
    assertThat(r.created()).isTrue();
    assertThat(r.build().state()).isEqualTo(BuildState.FAILED);
    assertThat(r.build().architectures()).containsExactly("amd64");
    assertThat(r.build().files())
        .extracting(f -> f.kind() + " " + f.name())
        .containsExactlyInAnyOrder("result result.json", "log build.log");
    assertThat(o.importBuild(failed, by("jenkins")).created()).isFalse();
    assertKindOf(() -> o.tagBuild("bob", "trixie-updates", "hello_2.10-3"), ErrorKind.CONFLICT);

    // Built again, successfully: the failed record is reused (Koji recycles FAILED builds).
    Path ok = Uploads.resultDir(tmp.resolve("ok"), "hello", "2.10-3", "p");
    ImportResult again = o.importBuild(ok, by("jenkins"));
    assertThat(again.created()).isTrue();
    assertThat(again.build().id()).isEqualTo(r.build().id());
    assertThat(again.build().state()).isEqualTo(BuildState.COMPLETE);
    assertThat(again.build().files()).extracting(f -> f.kind()).contains("deb", "changes");
    o.tagBuild("bob", "trixie-updates", "hello_2.10-3");
    // A failed result for a version that succeeded is a conflict, not a downgrade.
    assertKindOf(() -> o.importBuild(failed, by("jenkins")), ErrorKind.CONFLICT);
    // The failed build's result.json and build.log are no longer referenced.
    assertThat(o.gc(Duration.ZERO).removed()).hasSize(2);
  }

  @Test
  void failedResultWithAHostileSourceNameIsRefused() throws Exception {
    Path failed = tmp.resolve("failed");
    Files.createDirectories(failed);
    Files.writeString(
        failed.resolve("result.json"),
        "{\"status\": \"failed\", \"source\": {\"name\": \"../../x\", \"version\": \"1\"}}");
    assertKindOf(() -> o.importBuild(failed, by("x")), ErrorKind.INVALID_INPUT);
    Files.writeString(failed.resolve("result.json"), "[1, 2]");
    assertKindOf(() -> o.importBuild(failed, by("x")), ErrorKind.INVALID_INPUT);
    assertThat(o.blobs().list()).isEmpty();
    assertThat(o.listBuilds()).isEmpty();
  }

  static void assertKindOf(Runnable r, ErrorKind kind) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
