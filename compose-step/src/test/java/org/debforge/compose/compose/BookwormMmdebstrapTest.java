package org.debforge.compose.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.SourceSpec;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.testing.TestArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact-set repository is what mmdebstrap needs: with upstream Priority kept, mmdebstrap's
 * required variant from the compose repository alone installs exactly the lock (the required set
 * gather computed). Checks createrepo's output with its real consumer, not the rootfs builder.
 */
@Tag("network")
@Tag("slow")
@Tag("root")
class BookwormMmdebstrapTest {
  @TempDir Path tmp;

  @Test
  void mmdebstrapFromTheComposeRepositoryInstallsExactlyTheLock() throws Exception {
    Blueprint bp =
        new Blueprint(
            tmp.resolve("bookworm.yaml"),
            "bookworm-required",
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
            List.of(),
            Map.of(),
            List.of(),
            false,
            true,
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

    Path repo = r.layout().repo();
    Path root = tmp.resolve("root");
    Process p =
        new ProcessBuilder(
                "mmdebstrap",
                "--variant=required",
                "--mode=root",
                "--format=directory",
                "--aptopt=Dir::Etc::TrustedParts \"/nonexistent\"",
                "bookworm",
                root.toString(),
                "deb [signed-by=" + repo.resolve("KEY.gpg") + "] copy://" + repo + " bookworm main")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Process q =
        new ProcessBuilder(
                "dpkg-query",
                "--admindir=" + root.resolve("var/lib/dpkg"),
                "-W",
                "-f=${Package} ${Version} ${Architecture}\\n")
            .start();
    List<String> installed =
        new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .sorted()
            .toList();
    List<String> locked =
        r.lock().packages().stream()
            .map(x -> x.name() + " " + x.version() + " " + x.arch())
            .sorted()
            .toList();
    assertThat(installed).isEqualTo(locked);
  }
}
