package org.debforge.compose.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.SourceSpec;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.phase.PhaseRecord;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.testing.TestArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small real bookworm set from the host's mirror (HostMirror: DEBIAN_MIRROR, then the host's apt
 * sources), verified with Debian's archive keyring: gather, createrepo, and repoclosure with
 * dose-distcheck on the produced repository.
 */
@Tag("network")
@Tag("slow")
class BookwormComposeTest {
  @TempDir Path tmp;

  @Test
  void composesARepositoryOfASmallBookwormSet() throws Exception {
    Blueprint bp =
        new Blueprint(
            tmp.resolve("bookworm.yaml"),
            "bookworm-mini",
            "12",
            "bookworm",
            List.of("amd64"),
            List.of(
                new SourceSpec.Mirror(
                    "debian",
                    Optional.empty(),
                    "bookworm",
                    List.of("main"),
                    Sources.DEBIAN_KEYRING)),
            List.of("hello", "tree", "openssl"),
            Map.of(),
            List.of(),
            false,
            false,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Map.of());
    Composer.Result r =
        new Composer(
                ComposeOptions.into(tmp.resolve("composes"), new ContentCache(tmp.resolve("cache")))
                    .withSigningKey(TestArchive.composeKey())
                    .withoutRootfs(true))
            .compose(bp);

    assertThat(r.status()).as(r.reason()).isEqualTo(ComposeStatus.FINISHED);
    assertThat(r.lock().packages())
        .extracting(LockedPackage::name)
        .contains("hello", "tree", "openssl", "libc6", "libssl3");
    assertThat(r.lock().packages()).allSatisfy(p -> assertThat(p.source()).isEqualTo("debian"));
    String closure = Files.readString(r.layout().logs().resolve("repoclosure.log"));
    assertThat(closure).contains("ours finds 0 broken, dose-distcheck 0");
    assertThat(r.phases()).extracting(PhaseRecord::status).doesNotContain("failed");
    System.out.println(
        "bookworm compose: "
            + r.lock().packages().size()
            + " packages; phases "
            + r.phases().stream().map(p -> p.name() + "=" + p.seconds() + "s").toList());
  }
}
