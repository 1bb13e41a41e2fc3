package org.debforge.orchestrator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.testing.SourceUploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, part 2: the source a deb-mock result keeps is imported with the build (once, though
 * both architectures' results carry it) and published in {@code Sources}; {@code -dbgsym} packages
 * go to {@code main/debug}.
 */
class SourcesAndDebugTest {
  @TempDir Path tmp;

  /** hello-multi 1.0 for amd64 (with doc and dbgsym) and i386, tagged in trixie-updates. */
  static Orchestrator twoArches(Path tmp) throws Exception {
    Orchestrator o = Fixture.open(tmp.resolve("store"));
    Path dsc = SourceUploads.source(tmp.resolve("source"));
    o.addTag("alice", Fixture.TAG, List.of("amd64", "i386"));
    o.addPackage("alice", Fixture.TAG, SourceUploads.SOURCE, "alice", false);
    o.importBuild(
        SourceUploads.result(tmp.resolve("amd64"), dsc, "amd64", true),
        Provenance.of("jenkins", Fixture.T0));
    o.importBuild(
        SourceUploads.result(tmp.resolve("i386"), dsc, "i386", false),
        Provenance.of("jenkins-i386", Fixture.T0));
    o.tagBuild("alice", Fixture.TAG, SourceUploads.SOURCE + "_" + SourceUploads.VERSION);
    return o;
  }

  @Test
  void overAServerTheClientSendsTheKeptSourceDirectAndResumableAndNeverFollowsASymlink()
      throws Exception {
    try (Orchestrator o = Fixture.open(tmp.resolve("store"));
        OrchestratorServer server =
            OrchestratorServer.start(
                o,
                new OrchestratorServer.Options(
                    "127.0.0.1", 0, true, 1 << 22, tmp.resolve("uploads")))) {
      String token = o.createToken("setup", "jenkins", Role.BUILDER).secret();
      RemoteOrchestrator remote =
          new RemoteOrchestrator(URI.create("http://127.0.0.1:" + server.port()), token);
      Path dsc = SourceUploads.source(tmp.resolve("source"));
      Path amd64 = SourceUploads.result(tmp.resolve("amd64"), dsc, "amd64", true);
      Path i386 = SourceUploads.result(tmp.resolve("i386"), dsc, "i386", false);
      assertThat(remote.importBuild(amd64, Provenance.of("x", Fixture.T0)).created()).isTrue();
      Build b = remote.importResumable(i386, Provenance.of("x", Fixture.T0), 4096).build();
      assertThat(b.parts()).hasSize(2);
      assertThat(b.files()).extracting(BuildFile::name).contains("hello-multi_1.0.dsc");

      Path linked = SourceUploads.result(tmp.resolve("linked"), dsc, "arm64", false);
      Path deb = linked.resolve("hello-multi_1.0_arm64.deb");
      Path elsewhere = Files.move(deb, tmp.resolve("elsewhere.deb"));
      Files.createSymbolicLink(deb, elsewhere);
      assertThatThrownBy(() -> remote.importBuild(linked, Provenance.of("x", Fixture.T0)))
          .hasMessageContaining("hello-multi_1.0_arm64.deb")
          .hasMessageContaining("symbolic link");
      assertThat(o.build("hello-multi_1.0").parts()).hasSize(2);
    }
  }

  @Test
  void sourceIsImportedOncePublishedInSourcesAndDbgsymGoesToMainDebug() throws Exception {
    try (Orchestrator o = twoArches(tmp)) {
      Build b = o.build("hello-multi_1.0");
      assertThat(b.files())
          .filteredOn(f -> f.kind().equals("dsc") || f.kind().equals("source"))
          .extracting(BuildFile::name, BuildFile::arch)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("hello-multi_1.0.dsc", "amd64"),
              org.assertj.core.groups.Tuple.tuple("hello-multi_1.0.tar.xz", "amd64"));

      PublishResult r = o.publisher().publish("alice", Fixture.TAG, null, null);
      assertThat(r.sources()).isEqualTo(1);
      Path dists = o.publisher().repository(Fixture.TAG).resolve("dists/" + Fixture.TAG);
      String sources = Files.readString(dists.resolve("main/source/Sources"));
      assertThat(sources)
          .contains("Package: hello-multi\n", "Directory: pool/main/h/hello-multi")
          .contains(" hello-multi_1.0.dsc", " hello-multi_1.0.tar.xz");
      String amd64 = Files.readString(dists.resolve("main/binary-amd64/Packages"));
      String i386 = Files.readString(dists.resolve("main/binary-i386/Packages"));
      String debug = Files.readString(dists.resolve("main/debug/binary-amd64/Packages"));
      assertThat(amd64)
          .contains("hello-multi_1.0_amd64.deb", "hello-multi-doc_1.0_all.deb")
          .doesNotContain("dbgsym", "i386.deb");
      assertThat(i386)
          .contains("hello-multi_1.0_i386.deb", "hello-multi-doc_1.0_all.deb")
          .doesNotContain("amd64.deb");
      assertThat(debug).contains("Package: hello-multi-dbgsym\n");
      assertThat(Files.readString(dists.resolve("Release")))
          .contains("Components: main main/debug", "main/debug/binary-i386/Packages");
      assertThat(
              o.publisher()
                  .repository(Fixture.TAG)
                  .resolve("pool/main/h/hello-multi/hello-multi_1.0.tar.xz"))
          .exists();
    }
  }

  @Test
  void withoutSplitDebugDbgsymStaysInItsComponent() throws Exception {
    try (Orchestrator o = twoArches(tmp)) {
      PublishSettings s = o.publisher().settings(Fixture.TAG);
      o.publisher()
          .configure(
              "alice",
              Fixture.TAG,
              new PublishSettings(
                  s.suite(),
                  s.codename(),
                  s.components(),
                  s.architectures(),
                  s.origin(),
                  s.label(),
                  s.description(),
                  s.signingKey(),
                  s.latestOnly(),
                  false));
      assertThat(o.publisher().settings(Fixture.TAG).splitDebug()).isFalse();
      o.publisher().publish("alice", Fixture.TAG, null, null);
      Path dists = o.publisher().repository(Fixture.TAG).resolve("dists/" + Fixture.TAG);
      assertThat(Files.readString(dists.resolve("main/binary-amd64/Packages")))
          .contains("Package: hello-multi-dbgsym\n", "hello-multi_1.0_amd64.deb");
      assertThat(dists.resolve("main/debug")).doesNotExist();
      assertThat(Files.readString(dists.resolve("Release")))
          .contains("Components: main\n")
          .doesNotContain("main/debug");
    }
  }
}
