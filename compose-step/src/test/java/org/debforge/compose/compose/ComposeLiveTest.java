package org.debforge.compose.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.testing.TestArchive;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live output's place in a compose, without live-build: gather's request, the refusals. */
class ComposeLiveTest {
  @TempDir Path tmp;

  Blueprint blueprint(OutputSpec... outputs) {
    return TestArchive.blueprint(tmp, List.of(), List.of("hello"), List.of(outputs));
  }

  static OutputSpec live(Map<String, String> options) {
    return new OutputSpec(OutputSpec.Type.LIVE, false, options);
  }

  @Test
  void aLiveOutputAddsWhatLiveBuildInstallsToTheGatherRequest() {
    assertThat(StandardPhases.request(blueprint(), "amd64").packages()).containsExactly("hello");
    assertThat(
            StandardPhases.request(blueprint(live(Map.of("bootloaders", "syslinux"))), "amd64")
                .packages())
        .startsWith("hello")
        .contains("live-boot", "live-config", "linux-image-amd64", "squashfs-tools", "syslinux")
        .doesNotContain("grub-efi-amd64-bin");
  }

  @Test
  void aLiveOutputAloneDoesNotMakeTheRootfsPhaseBuildARoot() {
    Blueprint bp = blueprint(new OutputSpec(OutputSpec.Type.REPO, false, Map.of()), live(Map.of()));
    ComposeContext c =
        new ComposeContext(
            bp,
            ComposeOptions.into(tmp.resolve("t"), new ContentCache(tmp.resolve("c"))),
            null,
            null);
    assertThat(c.rootfsWanted()).isFalse();
  }

  @Test
  void badLiveOptionsAreRefusedBeforeAnyWork() {
    Path target = tmp.resolve("composes");
    for (Map<String, String> bad :
        List.of(
            Map.of("bootloaders", "grub-pc"),
            Map.of("volume-id", "x".repeat(40)),
            Map.of("iso", "yes"))) {
      assertThatThrownBy(
              () ->
                  new Composer(ComposeOptions.into(target, new ContentCache(tmp.resolve("c"))))
                      .compose(blueprint(live(bad))))
          .isInstanceOfSatisfying(
              DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
          .hasMessageContaining("blueprint.yaml: outputs: live output: ");
    }
    assertThat(target).doesNotExist();
  }
}
