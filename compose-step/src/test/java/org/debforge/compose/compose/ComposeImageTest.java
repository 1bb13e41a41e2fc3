package org.debforge.compose.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image output's checks, made before any work: nothing is created in the target. */
class ComposeImageTest {
  @TempDir Path dir;

  private Blueprint blueprint(List<String> arches, List<OutputSpec> outputs) {
    return new Blueprint(
        dir.resolve("mini.yaml"),
        "mini",
        "12",
        "bookworm",
        arches,
        List.of(),
        List.of("hello"),
        Map.of(),
        List.of(),
        false,
        true,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        outputs,
        Map.of());
  }

  private void refused(Blueprint bp, String... messages) {
    Path target = dir.resolve("composes");
    assertThatThrownBy(
            () ->
                new Composer(ComposeOptions.into(target, Map.of("HOME", dir.toString())))
                    .compose(bp))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining(dir.resolve("mini.yaml") + ": outputs: image output: ")
        .hasMessageContainingAll(messages);
    assertThat(target).doesNotExist();
  }

  static OutputSpec image(Map<String, String> options) {
    return new OutputSpec(OutputSpec.Type.IMAGE, false, options);
  }

  static final OutputSpec OSTREE = new OutputSpec(OutputSpec.Type.OSTREE, false, Map.of());

  @Test
  void anImageNeedsTheOstreeOutput() {
    refused(blueprint(List.of("amd64"), List.of(image(Map.of()))), "add an ostree output");
  }

  @Test
  void badOptionsAreAllNamed() {
    refused(
        blueprint(
            List.of("amd64"),
            List.of(OSTREE, image(Map.of("formats", "vmdk", "size", "huge", "colour", "red")))),
        "colour: unknown option",
        "formats: 'vmdk' is not a format",
        "size: 'huge' is not a size");
  }

  @Test
  void onlyAmd64DisksAreMade() {
    refused(
        blueprint(List.of("amd64", "arm64"), List.of(OSTREE, image(Map.of()))),
        "architectures [arm64]: disk images are made for amd64 only");
  }

  @Test
  void theTestPhaseIsThereOnlyWithAMarker() {
    ComposeLayout l = new ComposeLayout(dir, "mini-12-20261203.0");
    Blueprint without = blueprint(List.of("amd64"), List.of(OSTREE, image(Map.of())));
    Blueprint with =
        blueprint(List.of("amd64"), List.of(OSTREE, image(Map.of("test-marker", "UP"))));
    ComposeOptions o = ComposeOptions.into(dir, Map.of("HOME", dir.toString()));
    org.debforge.compose.metadata.ComposeHeader h =
        new org.debforge.compose.metadata.ComposeHeader(
            l.composeId(), java.time.LocalDate.of(2026, 12, 3), 0, "production");
    assertThat(StandardPhases.TEST.applies(new ComposeContext(without, o, l, h))).isFalse();
    assertThat(StandardPhases.TEST.applies(new ComposeContext(with, o, l, h))).isTrue();
    assertThat(StandardPhases.IMAGE.applies(new ComposeContext(without, o, l, h))).isTrue();
    assertThat(StandardPhases.all().stream().map(p -> p.name()).toList())
        .containsSubsequence("ostree", "image", "test", "repoclosure", "metadata");
  }
}
