package org.debforge.compose.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.json.JsonFile;
import org.debforge.compose.ostree.HandMadeRoot;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.phase.PhaseRecord;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.rootfs.RootfsRequest;
import org.debforge.compose.testing.TestArchive;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composes with an ostree output over the small signed archive: the real phases and the real ostree
 * CLI. The rootfs phase's internals are replaced by a hand-made root without a kernel (the
 * converter commits it, not bootable); the archive has stand-in linux-image, dracut and ostree-boot
 * packages, so the lock holds what a bootable commit needs.
 */
class ComposeOstreeTest {
  static final List<String> BOOT = List.of("linux-image-amd64", "dracut", "ostree-boot");

  @TempDir Path tmp;
  Path target;
  TestArchive archive;

  @BeforeEach
  void archive() {
    archive =
        TestArchive.standard(tmp.resolve("archive"))
            .add("linux-image-amd64", "6.1.76-1", "amd64", "Priority", "optional")
            .add("dracut", "059-4", "amd64", "Priority", "optional")
            .add("ostree-boot", "2022.7-2", "amd64", "Priority", "optional")
            .publish();
    target = tmp.resolve("composes");
  }

  /** A hand-made root holding the list of packages it was asked for in /etc/installed. */
  static Path handMadeRoot(RootfsRequest r) {
    try {
      Files.createDirectories(r.target().getParent());
      HandMadeRoot.make(r.target());
      StringBuilder sb = new StringBuilder();
      r.packages().forEach(p -> sb.append(p.name()).append(' ').append(p.version()).append('\n'));
      Files.writeString(r.target().resolve("etc/installed"), sb.toString());
      return r.target();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ComposeOptions options() {
    return ComposeOptions.into(target, new ContentCache(tmp.resolve("cache")))
        .withClock(ComposeTest.CLOCK)
        .withSigningKey(TestArchive.composeKey())
        .withRootfs(ComposeOstreeTest::handMadeRoot);
  }

  Blueprint blueprint(List<String> packages, OutputSpec ostree) {
    return TestArchive.blueprint(
        tmp,
        List.of(archive.source("test")),
        packages,
        List.of(new OutputSpec(OutputSpec.Type.REPO, false, Map.of()), ostree));
  }

  static OutputSpec ostree(boolean failable, Map<String, String> options) {
    return new OutputSpec(OutputSpec.Type.OSTREE, failable, options);
  }

  static List<String> withBoot(String... packages) {
    List<String> all = new ArrayList<>(List.of(packages));
    all.addAll(BOOT);
    return all;
  }

  static String ostreeCli(Path repo, String... args) throws Exception {
    List<String> c = new ArrayList<>(List.of("ostree", "--repo=" + repo));
    c.addAll(List.of(args));
    Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", c) + ": " + out).isZero();
    return out.strip();
  }

  @Test
  @Tag("root")
  void twoComposesCommitOnTheRefTheSecondWithTheFirstAsParent() throws Exception {
    Composer.Result first =
        new Composer(options()).compose(blueprint(withBoot("hello"), ostree(false, Map.of())));

    assertThat(first.status()).as(first.reason()).isEqualTo(ComposeStatus.FINISHED);
    assertThat(first.phases())
        .extracting(PhaseRecord::name)
        .containsExactly(
            "init",
            "pkgset",
            "gather",
            "createrepo",
            "rootfs",
            "ostree",
            "repoclosure",
            "metadata");
    Path repo = target.resolve("ostree/repo");
    String ref = "debian/testing/amd64/mini";
    String firstCommit = ostreeCli(repo, "rev-parse", ref);
    Path top1 = first.layout().topdir();
    assertThat(top1.resolve("logs/ostree.log")).exists();
    assertThat(top1.resolve("logs/ostree.amd64.log")).exists();

    // Recorded in metadata/ostree.json and in composeinfo's debforge key.
    JsonNode commit1 = JsonFile.read(top1.resolve("metadata/ostree.json"));
    assertThat(commit1.at("/header/type").asText()).isEqualTo("debforge.ostree");
    assertThat(commit1.at("/payload/compose/id").asText()).isEqualTo("mini-1.0-20261203.0");
    JsonNode amd64 = commit1.at("/payload/ostree/Everything/amd64");
    assertThat(amd64.get("commit").asText()).isEqualTo(firstCommit);
    assertThat(amd64.get("ref").asText()).isEqualTo(ref);
    assertThat(amd64.get("repo").asText()).isEqualTo(repo.toString());
    assertThat(amd64.get("version").asText()).isEqualTo("1.0");
    assertThat(amd64.get("parent").isNull()).isTrue();
    assertThat(amd64.get("bootable").asBoolean()).isFalse();
    JsonNode info = JsonFile.read(top1.resolve("metadata/composeinfo.json"));
    assertThat(info.at("/debforge/ostree/0/commit").asText()).isEqualTo(firstCommit);
    assertThat(info.at("/debforge/ostree/0/ref").asText()).isEqualTo(ref);

    // The commit's metadata: the compose's version and its lock.
    assertThat(ostreeCli(repo, "show", "--print-metadata-key=version", ref)).isEqualTo("'1.0'");
    assertThat(ostreeCli(repo, "show", "--print-metadata-key=debforge.lock", ref))
        .contains("mini-1.0-20261203.0", "hello", "linux-image-amd64");
    String lockSha =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(top1.resolve("metadata/lock.json"))));
    assertThat(ostreeCli(repo, "show", "--print-metadata-key=debforge.lock.sha256", ref))
        .isEqualTo("'" + lockSha + "'");
    assertThat(ostreeCli(repo, "show", "--print-metadata-key=debforge.compose-id", ref))
        .isEqualTo("'mini-1.0-20261203.0'");
    // The root's /etc went to /usr/etc, with the packages the root was asked for.
    assertThat(ostreeCli(repo, "cat", ref, "/usr/etc/installed")).contains("hello ", "dracut ");

    // A second compose with one package more: its commit's parent is the first's, with a delta.
    Composer.Result second =
        new Composer(options())
            .compose(blueprint(withBoot("hello", "unrelated"), ostree(false, Map.of())));
    assertThat(second.status()).as(second.reason()).isEqualTo(ComposeStatus.FINISHED);
    String secondCommit = ostreeCli(repo, "rev-parse", ref);
    assertThat(secondCommit).isNotEqualTo(firstCommit);
    assertThat(ostreeCli(repo, "rev-parse", ref + "^")).isEqualTo(firstCommit);
    JsonNode amd64b =
        JsonFile.read(second.layout().topdir().resolve("metadata/ostree.json"))
            .at("/payload/ostree/Everything/amd64");
    assertThat(amd64b.get("commit").asText()).isEqualTo(secondCommit);
    assertThat(amd64b.get("parent").asText()).isEqualTo(firstCommit);
    assertThat(amd64b.get("static_delta").asBoolean()).isTrue();
    assertThat(ostreeCli(repo, "static-delta", "list")).contains(firstCommit + "-" + secondCommit);
    // The delta applies: a client's repository (bare-user, as a deployed system's is bare: ostree
    // 2022.7 aborts applying a delta with modified files into an archive repository) holding only
    // the first commit gets the second from it.
    Path client = tmp.resolve("client-repo");
    ostreeCli(client, "init", "--mode=bare-user");
    ostreeCli(client, "pull-local", repo.toString(), firstCommit);
    Path superblock;
    try (var found = Files.find(repo.resolve("deltas"), 3, (f, a) -> f.endsWith("superblock"))) {
      superblock = found.findFirst().orElseThrow();
    }
    ostreeCli(client, "static-delta", "apply-offline", superblock.getParent().toString());
    assertThat(ostreeCli(client, "show", secondCommit)).contains("Parent:  " + firstCommit);
    assertThat(ostreeCli(client, "fsck")).contains("no errors found");
    assertThat(ostreeCli(repo, "cat", ref, "/usr/etc/installed")).contains("unrelated ");
    assertThat(ostreeCli(repo, "log", ref)).contains(firstCommit, secondCommit);
    assertThat(ostreeCli(repo, "fsck")).doesNotContain("ERROR");
    ComposeTest.deleteTree(target); // the roots' absolute symlinks, before @TempDir
  }

  @Test
  void withoutKernelDracutAndOstreeBootAFailableOstreeOutputFinishesIncompleteNamingThem()
      throws Exception {
    Composer.Result r =
        new Composer(options()).compose(blueprint(List.of("hello"), ostree(true, Map.of())));

    assertThat(r.status()).isEqualTo(ComposeStatus.FINISHED_INCOMPLETE);
    assertThat(r.phases())
        .filteredOn(p -> p.name().equals("ostree"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.status()).isEqualTo("failed");
              assertThat(p.failable()).isTrue();
              assertThat(p.error())
                  .contains("blueprint.yaml", "amd64: linux-image-amd64, dracut, ostree-boot");
            });
    assertThat(r.phases())
        .filteredOn(p -> p.name().equals("metadata"))
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo("finished"));
    assertThat(target.resolve("ostree/repo")).doesNotExist();
    ComposeTest.deleteTree(target);
  }

  @Test
  void aMissingBootPackageDoomsANonFailableOstreeOutput() throws Exception {
    Composer.Result r =
        new Composer(options())
            .compose(
                blueprint(
                    List.of("hello", "linux-image-amd64", "dracut"), ostree(false, Map.of())));

    assertThat(r.status()).isEqualTo(ComposeStatus.DOOMED);
    assertThat(r.reason()).contains("missing amd64: ostree-boot (hint");
    ComposeTest.deleteTree(target);
  }

  @Test
  void aFailedFailableRootfsLeavesTheOstreePhaseNothingToCommitAndItSaysSo() throws Exception {
    ComposeOptions o =
        options()
            .withRootfs(
                r -> {
                  throw new DebforgeException(ErrorKind.COMPOSE_FAILED, "rootfs: broken");
                });
    Composer.Result r =
        new Composer(o)
            .compose(
                TestArchive.blueprint(
                    tmp,
                    List.of(archive.source("test")),
                    withBoot("hello"),
                    List.of(
                        new OutputSpec(OutputSpec.Type.ROOTFS, true, Map.of()),
                        ostree(true, Map.of()))));

    assertThat(r.status()).isEqualTo(ComposeStatus.FINISHED_INCOMPLETE);
    assertThat(r.phases())
        .filteredOn(p -> p.name().equals("ostree"))
        .singleElement()
        .satisfies(
            p -> assertThat(p.error()).contains("amd64: the rootfs phase made no root to commit"));
    assertThat(target.resolve("ostree/repo")).doesNotExist();
  }

  @Test
  void aBadOstreeOutputIsRefusedBeforeAnyWork() {
    assertThatThrownBy(
            () ->
                new Composer(options())
                    .compose(blueprint(withBoot("hello"), ostree(false, Map.of("branch", "x")))))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("ostree output: unknown options [branch]");
    assertThat(target).doesNotExist();
  }

  @Test
  void theDefaultRefAndRepoAndAGivenOne() {
    Blueprint bp = blueprint(withBoot("hello"), ostree(false, Map.of()));
    OutputSpec plain = ostree(false, Map.of());
    assertThat(OstreePhase.ref(bp, plain, "arm64")).isEqualTo("debian/testing/arm64/mini");
    assertThat(OstreePhase.repo(target, plain)).isEqualTo(target.resolve("ostree/repo"));
    OutputSpec given = ostree(false, Map.of("ref", "acme/%{arch}/base", "repo", "/srv/ostree"));
    assertThat(OstreePhase.ref(bp, given, "amd64")).isEqualTo("acme/amd64/base");
    assertThat(OstreePhase.repo(target, given)).isEqualTo(Path.of("/srv/ostree"));
  }
}
