package org.debforge.orchestrator.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.testing.Composes;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compose records on each database: {@link H2ComposeTest}, {@link PostgresComposeTest}. */
abstract class ComposeContract {
  @TempDir Path tmp;
  Orchestrator o;

  abstract Orchestrator open(Path storeDir);

  @BeforeEach
  void openStore() {
    o = open(tmp.resolve("store"));
  }

  @AfterEach
  void closeStore() {
    o.close();
  }

  /** A build of this store and its .deb as a lock package. */
  Composes.Pkg importedDeb(String source, String version) throws Exception {
    Path changes = Uploads.changes(tmp.resolve("up-" + source), source, version, "amd64", source);
    Build b = o.importBuild(changes, Provenance.of("alice", Instant.EPOCH)).build();
    BuildFile deb =
        o.build(b.nvr()).files().stream()
            .filter(f -> f.kind().equals("deb"))
            .findFirst()
            .orElseThrow();
    return new Composes.Pkg(source, version, "amd64", deb.sha256(), deb.size());
  }

  static ComposeMetadata metadata(
      String id, String status, String snapshot, List<Composes.Pkg> fromTag) {
    return ComposeMetadataReader.parse(
        Composes.composeinfo(id, status).getBytes(StandardCharsets.UTF_8),
        Composes.lock(id, "bookworm-local", snapshot, List.of(Composes.BASE_FILES), fromTag)
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void importLinksLockPackagesToBuildsByTheirDebsSha256() throws Exception {
    Composes.Pkg hello = importedDeb("hello", "2.10-3");
    ComposeImport r =
        o.importCompose("jenkins", metadata("D-12-20260603.0", "FINISHED", "s1", List.of(hello)));

    assertThat(r.created()).isTrue();
    Compose c = o.compose("D-12-20260603.0");
    assertThat(c.importedBy()).isEqualTo("jenkins");
    assertThat(c.metadata().status()).isEqualTo("FINISHED");
    assertThat(c.packages()).hasSize(2);
    assertThat(c.packages().get(0).build()).isNull(); // base-files: from Debian's mirror
    assertThat(c.packages().get(1).build()).isEqualTo("hello_2.10-3");
    assertThat(c.metadata().sources().get(1).snapshot()).isEqualTo("s1");
    assertThat(o.listComposes())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.packages()).isEqualTo(2);
              assertThat(s.linkedPackages()).isEqualTo(1);
            });
    assertThat(o.history(null, null))
        .anySatisfy(e -> assertThat(e.detail()).contains("D-12-20260603.0"));
  }

  @Test
  void theTwoQuestionsAreAnswered() throws Exception {
    Composes.Pkg hello = importedDeb("hello", "2.10-3");
    Composes.Pkg tree = importedDeb("tree", "2.1.0-1");
    o.importCompose("j", metadata("D-12-20260603.0", "FINISHED", "s1", List.of(hello)));
    o.importCompose("j", metadata("D-12-20260603.1", "FINISHED", "s2", List.of(hello, tree)));
    o.importCompose("j", metadata("D-12-20260604.0", "DOOMED", null, List.of(tree)));

    assertThat(o.composesUsing("bookworm-local", "s1"))
        .extracting(ComposeSummary::composeId)
        .containsExactly("D-12-20260603.0");
    assertThat(o.composesUsing("bookworm-local", null))
        .extracting(ComposeSummary::composeId)
        .containsExactly("D-12-20260604.0");
    assertThat(o.composesUsing("other", "s1")).isEmpty();
    assertThat(o.composesUsing("bookworm-local")).hasSize(3);
    assertThat(o.composesWithBuild("hello_2.10-3"))
        .extracting(ComposeSummary::composeId)
        .containsExactly("D-12-20260603.1", "D-12-20260603.0");
    assertThat(o.composesWithBuild("tree_2.1.0-1"))
        .extracting(ComposeSummary::composeId)
        .containsExactly("D-12-20260604.0", "D-12-20260603.1");
  }

  @Test
  void reimportIsIdempotentAndOtherContentConflicts() throws Exception {
    ComposeMetadata m = metadata("D-12-20260603.0", "FINISHED", "s1", List.of());
    assertThat(o.importCompose("a", m).created()).isTrue();
    ComposeImport again = o.importCompose("b", m);
    assertThat(again.created()).isFalse();
    assertThat(again.compose().importedBy()).isEqualTo("a");

    ComposeMetadata other = metadata("D-12-20260603.0", "DOOMED", "s1", List.of());
    assertThatThrownBy(() -> o.importCompose("a", other))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    assertThat(o.compose("D-12-20260603.0").metadata().status()).isEqualTo("FINISHED");
    assertThat(o.listComposes()).hasSize(1);
  }

  @Test
  void aFailedImportLeavesNothing() {
    // A value too long for its column fails the last insert: the compose row goes with it.
    ComposeMetadata m = metadata("D-12-20260603.0", "FINISHED", null, List.of());
    ComposeMetadata tooLong =
        new ComposeMetadata(
            m.composeId(),
            m.name(),
            m.shortName(),
            m.version(),
            m.date(),
            m.respin(),
            m.type(),
            m.status(),
            m.blueprint(),
            m.phasesJson(),
            m.packages(),
            List.of(
                m.sources().get(0),
                new LockSource(
                    "local", "orchestrator", "u", "s", List.of("main"), "t", "x".repeat(300))),
            m.contentSha256());
    assertThatThrownBy(() -> o.importCompose("a", tooLong)).isInstanceOf(DebforgeException.class);
    assertThat(o.listComposes()).isEmpty();
    assertThatThrownBy(() -> o.compose("D-12-20260603.0"))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }
}
