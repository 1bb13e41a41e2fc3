package org.debforge.compose.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.json.JsonFile;
import org.debforge.compose.lock.Lock;
import org.debforge.compose.lock.LockJson;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.phase.PhaseListener;
import org.debforge.compose.phase.PhaseRecord;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.rootfs.RootfsRequest;
import org.debforge.compose.testing.TestArchive;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole composes over a small signed archive made on the fly: the real phases, the real repository
 * writer, gpgv and dose-distcheck; only the root filesystem's internals (another component) are
 * replaced by a step that makes a folder from the request.
 */
class ComposeTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path target;
  TestArchive archive;
  final List<RootfsRequest> rootfsRequests = new ArrayList<>();

  @BeforeEach
  void archive() {
    archive = TestArchive.standard(tmp.resolve("archive")).publish();
    target = tmp.resolve("composes");
  }

  /** Stands in for RootfsBuilder: a root holding the list of packages it was asked for. */
  Path fakeRoot(RootfsRequest r) {
    rootfsRequests.add(r);
    try {
      Files.createDirectories(r.target().resolve("etc"));
      StringBuilder sb = new StringBuilder();
      r.packages().forEach(p -> sb.append(p.name()).append(' ').append(p.version()).append('\n'));
      Files.writeString(r.target().resolve("etc/installed"), sb.toString());
      return r.target();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  ComposeOptions options(String cache) {
    return ComposeOptions.into(target, new ContentCache(tmp.resolve(cache)))
        .withClock(CLOCK)
        .withSigningKey(TestArchive.composeKey())
        .withRootfs(this::fakeRoot);
  }

  Blueprint blueprint(List<String> packages, List<OutputSpec> outputs) {
    return TestArchive.blueprint(tmp, List.of(archive.source("test")), packages, outputs);
  }

  @Test
  void composeRunsEveryPhaseAndPointsLatestAtIt() throws Exception {
    List<String> progress = new ArrayList<>();
    Composer.Result r =
        new Composer(
                options("cache")
                    .withListener(
                        new PhaseListener() {
                          @Override
                          public void started(String phase) {
                            progress.add("start " + phase);
                          }

                          @Override
                          public void ended(PhaseRecord rec) {
                            progress.add(rec.name() + " " + rec.status());
                          }
                        }))
            .compose(blueprint(List.of("tool"), List.of()));

    assertThat(r.status()).isEqualTo(ComposeStatus.FINISHED);
    Path top = target.resolve("mini-1.0-20261203.0");
    assertThat(r.layout().topdir()).isEqualTo(top);
    assertThat(Files.readString(top.resolve("STATUS"))).isEqualTo("FINISHED\n");
    assertThat(Files.readString(top.resolve("COMPOSE_ID"))).isEqualTo("mini-1.0-20261203.0\n");
    assertThat(Files.readSymbolicLink(target.resolve("latest-mini")).toString())
        .isEqualTo("mini-1.0-20261203.0");
    assertThat(progress)
        .contains("start init", "init finished", "gather finished", "metadata finished");
    for (String phase :
        List.of("init", "pkgset", "gather", "createrepo", "rootfs", "repoclosure", "metadata")) {
      assertThat(top.resolve("logs/" + phase + ".log")).exists();
    }
    assertThat(top.resolve("work")).doesNotExist();

    // The set: the Essential base and what tool needs, the MTA through its only provider.
    Lock lock = LockJson.read(top.resolve("metadata/lock.json"));
    assertThat(lock.composeId()).isEqualTo("mini-1.0-20261203.0");
    assertThat(lock.packages())
        .extracting(p -> p.name() + " " + p.version() + " " + p.arch())
        .containsExactly(
            "base-files 1.0 amd64",
            "exim 4.96-1 amd64",
            "hello 2:2.10-3 amd64",
            "libfoo1 1.2-1 amd64",
            "tool 0.1 all");
    assertThat(lock.sources())
        .singleElement()
        .satisfies(s -> assertThat(s.kind()).isEqualTo("mirror"));

    // The repository: exactly the set, upstream Priority kept, files matching the lock.
    Path repo = top.resolve("compose/Everything/repo");
    List<Paragraph> stanzas =
        Deb822.parse(
            Files.readString(repo.resolve("dists/testing/main/binary-amd64/Packages")), "Packages");
    assertThat(stanzas)
        .extracting(p -> p.value("Package"))
        .containsExactlyInAnyOrder("base-files", "exim", "hello", "libfoo1", "tool");
    assertThat(stanzas)
        .filteredOn(p -> p.value("Package").equals("exim"))
        .singleElement()
        .satisfies(p -> assertThat(p.value("Priority")).isEqualTo("extra"));
    for (LockedPackage p : lock.packages()) {
      Paragraph s =
          stanzas.stream()
              .filter(x -> x.value("Package").equals(p.name()))
              .findFirst()
              .orElseThrow();
      Path deb = repo.resolve(s.value("Filename"));
      assertThat(Files.size(deb)).isEqualTo(p.size());
      assertThat(ContentCache.sha256(deb)).isEqualTo(p.sha256());
    }
    Process gpgv =
        new ProcessBuilder(
                "gpgv",
                "--keyring",
                repo.resolve("KEY.gpg").toString(),
                repo.resolve("dists/testing/InRelease").toString())
            .redirectErrorStream(true)
            .start();
    String gpgvOut = new String(gpgv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(gpgv.waitFor()).as(gpgvOut).isZero();

    // The root was asked for from that repository, with exactly the lock.
    assertThat(rootfsRequests)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.repo()).isEqualTo(repo);
              assertThat(q.packages()).isEqualTo(lock.packages());
            });

    // Metadata: productmd structure, checksums and sizes that match the files.
    JsonNode images = JsonFile.read(top.resolve("metadata/images.json"));
    assertThat(images.at("/header/version").asText()).isEqualTo("1.2");
    JsonNode image = images.at("/payload/images/Everything/amd64/0");
    Path imageFile = top.resolve("compose").resolve(image.get("path").asText());
    assertThat(image.get("size").asLong()).isEqualTo(Files.size(imageFile));
    assertThat(image.at("/checksums/sha256").asText()).isEqualTo(ContentCache.sha256(imageFile));
    assertThat(image.get("format").asText()).isEqualTo("tar.zst");
    Process list = new ProcessBuilder("tar", "--zstd", "-tf", imageFile.toString()).start();
    assertThat(new String(list.getInputStream().readAllBytes())).contains("./etc/installed");

    JsonNode info = JsonFile.read(top.resolve("metadata/composeinfo.json"));
    assertThat(info.at("/payload/compose/id").asText()).isEqualTo("mini-1.0-20261203.0");
    assertThat(info.at("/payload/compose/date").asText()).isEqualTo("20261203");
    assertThat(info.at("/payload/compose/type").asText()).isEqualTo("production");
    assertThat(info.at("/debforge/status").asText()).isEqualTo("FINISHED");
    assertThat(info.at("/debforge/phases")).hasSize(7);
    JsonNode pkgs = JsonFile.read(top.resolve("metadata/packages.json"));
    assertThat(
            pkgs.at("/payload/packages/Everything/amd64/foo_1.2-1_source/libfoo1_1.2-1_amd64/path")
                .asText())
        .isEqualTo("Everything/repo/pool/main/f/foo/libfoo1_1.2-1_amd64.deb");
  }

  @Test
  void anUnsatisfiableSetDoomsTheComposeWithTheExplanation() throws Exception {
    Composer.Result first =
        new Composer(options("cache")).compose(blueprint(List.of("hello"), List.of()));
    assertThat(first.succeeded()).isTrue();

    Composer.Result r =
        new Composer(options("cache")).compose(blueprint(List.of("needs-missing"), List.of()));

    assertThat(r.status()).isEqualTo(ComposeStatus.DOOMED);
    assertThat(r.reason()).contains("phase gather failed", "not-there");
    Path top = r.layout().topdir();
    assertThat(top.getFileName().toString()).isEqualTo("mini-1.0-20261203.1");
    assertThat(Files.readString(top.resolve("STATUS"))).isEqualTo("DOOMED\n");
    assertThat(r.phases())
        .extracting(PhaseRecord::name, PhaseRecord::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("init", "finished"),
            org.assertj.core.groups.Tuple.tuple("pkgset", "finished"),
            org.assertj.core.groups.Tuple.tuple("gather", "failed"),
            org.assertj.core.groups.Tuple.tuple("createrepo", "skipped"),
            org.assertj.core.groups.Tuple.tuple("rootfs", "skipped"),
            org.assertj.core.groups.Tuple.tuple("repoclosure", "skipped"),
            org.assertj.core.groups.Tuple.tuple("metadata", "skipped"));
    JsonNode info = JsonFile.read(top.resolve("metadata/composeinfo.json"));
    assertThat(info.at("/debforge/status").asText()).isEqualTo("DOOMED");
    assertThat(info.at("/debforge/reason").asText()).contains("not-there");
    assertThat(Files.readString(top.resolve("logs/gather.log"))).contains("not-there");
    // The latest link still names the last good compose.
    assertThat(Files.readSymbolicLink(target.resolve("latest-mini")).toString())
        .isEqualTo("mini-1.0-20261203.0");
  }

  @Test
  void aFailableRootfsFailureFinishesIncomplete() throws Exception {
    ComposeOptions o =
        options("cache")
            .withRootfs(
                r -> {
                  throw new UnsupportedOperationException("rootfs: not written yet");
                });
    Composer.Result r =
        new Composer(o)
            .compose(
                blueprint(
                    List.of("hello"),
                    List.of(
                        new OutputSpec(OutputSpec.Type.REPO, false, Map.of()),
                        new OutputSpec(OutputSpec.Type.ROOTFS, true, Map.of()))));

    assertThat(r.status()).isEqualTo(ComposeStatus.FINISHED_INCOMPLETE);
    assertThat(Files.readString(r.layout().statusFile())).isEqualTo("FINISHED_INCOMPLETE\n");
    assertThat(r.phases())
        .filteredOn(p -> p.name().equals("rootfs"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.status()).isEqualTo("failed");
              assertThat(p.failable()).isTrue();
            });
    assertThat(r.phases())
        .filteredOn(p -> p.name().equals("repoclosure"))
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo("finished"));
    assertThat(target.resolve("latest-mini")).exists();
  }

  @Test
  void aNonFailableRootfsFailureDooms() {
    ComposeOptions o =
        options("cache")
            .withRootfs(
                r -> {
                  throw new UnsupportedOperationException("rootfs: not written yet");
                });
    Composer.Result r = new Composer(o).compose(blueprint(List.of("hello"), List.of()));
    assertThat(r.status()).isEqualTo(ComposeStatus.DOOMED);
    assertThat(r.reason()).contains("rootfs", "not written yet");
    assertThat(target.resolve("latest-mini")).doesNotExist();
  }

  @Test
  void aBadOutputIsRefusedBeforeAnyWork() {
    Blueprint bp =
        blueprint(
            List.of("hello"),
            List.of(
                new OutputSpec(OutputSpec.Type.REPO, false, java.util.Map.of()),
                // The OCI image is made from the ostree phase's commit: no ostree output, no image.
                new OutputSpec(OutputSpec.Type.OCI, false, java.util.Map.of())));
    assertThatThrownBy(() -> new Composer(options("cache")).compose(bp))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("outputs: oci")
        .hasMessageContaining("ostree");
    assertThat(target).doesNotExist();
  }

  /** What a kill -9 looks like to the compose folder: the run stops inside a phase. */
  static final class Killed extends Error {
    Killed() {
      super("killed");
    }
  }

  @Test
  void aKilledComposeLeavesNoLatestLinkAndARerunMakesANewCompose() throws Exception {
    ComposeOptions killing =
        options("cache")
            .withRootfs(
                r -> {
                  throw new Killed();
                });
    assertThatThrownBy(() -> new Composer(killing).compose(blueprint(List.of("hello"), List.of())))
        .isInstanceOf(Killed.class);
    Path killed = target.resolve("mini-1.0-20261203.0");
    assertThat(Files.readString(killed.resolve("STATUS"))).isEqualTo("STARTED\n");
    assertThat(target.resolve("latest-mini")).doesNotExist();

    Composer.Result rerun =
        new Composer(options("cache")).compose(blueprint(List.of("hello"), List.of()));
    assertThat(rerun.status()).isEqualTo(ComposeStatus.FINISHED);
    assertThat(rerun.layout().composeId()).isEqualTo("mini-1.0-20261203.1");
    assertThat(Files.readSymbolicLink(target.resolve("latest-mini")).toString())
        .isEqualTo("mini-1.0-20261203.1");
    // The old-composes lookup ignores the killed compose even though it is newest by name order.
    assertThat(OldComposes.find(target, rerun.lock()))
        .hasValueSatisfying(m -> assertThat(m.composeId()).isEqualTo("mini-1.0-20261203.1"));
  }

  @Test
  void anIdenticalLockReusesTheOldComposesPool() throws Exception {
    Blueprint bp = blueprint(List.of("tool"), List.of());
    Composer.Result first = new Composer(options("cache1")).compose(bp);
    assertThat(first.succeeded()).isTrue();
    // Without the source's pool and with an empty cache, only the old compose can supply the .debs.
    deleteTree(archive.root.resolve("pool"));

    Composer.Result second = new Composer(options("cache2").withOldComposes(target)).compose(bp);

    assertThat(second.status()).as(second.reason()).isEqualTo(ComposeStatus.FINISHED);
    assertThat(second.phases())
        .filteredOn(p -> p.name().equals("createrepo"))
        .singleElement()
        .satisfies(p -> assertThat(p.note()).isEqualTo("pool reused from mini-1.0-20261203.0"));
    Path rel = Path.of("compose/Everything/repo/pool/main/h/hello/hello_2.10-3_amd64.deb");
    assertThat(
            Files.isSameFile(
                first.layout().topdir().resolve(rel), second.layout().topdir().resolve(rel)))
        .isTrue();
    JsonNode info = JsonFile.read(second.layout().metadata().resolve("composeinfo.json"));
    assertThat(info.at("/debforge/reused_from").asText()).isEqualTo("mini-1.0-20261203.0");
  }

  @Test
  void withoutAnOldComposeAMissingPoolFileFailsCreaterepoNamingIt() throws Exception {
    deleteTree(archive.root.resolve("pool"));
    Composer.Result r =
        new Composer(options("cache")).compose(blueprint(List.of("tool"), List.of()));
    assertThat(r.status()).isEqualTo(ComposeStatus.DOOMED);
    assertThat(r.reason()).contains("createrepo", "no such file");
    assertThat(r.layout().repo().resolve("dists")).doesNotExist();
  }

  @Test
  void eachArchitectureIsResolvedAndTheRepositoryHoldsBoth() throws Exception {
    TestArchive two =
        new TestArchive(tmp.resolve("two"))
            .architectures("amd64", "arm64")
            .add("libbar1", "1", "amd64", "Priority", "optional")
            .add("libbar1", "1", "arm64", "Priority", "optional")
            .add("app", "3", "amd64", "Priority", "optional", "Depends", "libbar1, data")
            .add("app", "3", "arm64", "Priority", "optional", "Depends", "libbar1, data")
            .add("data", "1", "all", "Priority", "optional")
            .publish();
    Blueprint bp =
        TestArchive.blueprint(tmp, List.of(two.source("two")), List.of("app"), List.of());
    bp =
        new Blueprint(
            bp.file(),
            bp.name(),
            bp.version(),
            bp.suite(),
            List.of("amd64", "arm64"),
            bp.sources(),
            bp.packages(),
            bp.groups(),
            bp.exclude(),
            bp.recommends(),
            bp.required(),
            bp.files(),
            bp.postprocess(),
            bp.users(),
            bp.kernelArgs(),
            bp.outputs(),
            bp.arches());

    Composer.Result r = new Composer(options("cache")).compose(bp);

    assertThat(r.status()).as(r.reason()).isEqualTo(ComposeStatus.FINISHED);
    // The architecture-independent package is locked once.
    assertThat(r.lock().packages())
        .extracting(p -> p.name() + ":" + p.arch())
        .containsExactly("app:amd64", "app:arm64", "data:all", "libbar1:amd64", "libbar1:arm64");
    for (String arch : List.of("amd64", "arm64")) {
      List<Paragraph> stanzas =
          Deb822.parse(
              Files.readString(
                  r.layout().repo().resolve("dists/testing/main/binary-" + arch + "/Packages")),
              arch);
      assertThat(stanzas)
          .extracting(p -> p.value("Package") + ":" + p.value("Architecture"))
          .containsExactlyInAnyOrder("app:" + arch, "data:all", "libbar1:" + arch);
    }
    assertThat(rootfsRequests).extracting(RootfsRequest::arch).containsExactly("amd64", "arm64");
    JsonNode info = JsonFile.read(r.layout().metadata().resolve("composeinfo.json"));
    assertThat(info.at("/payload/variants/Everything/arches").toString())
        .isEqualTo("[\"amd64\",\"arm64\"]");
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> w = Files.walk(dir)) {
      for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
