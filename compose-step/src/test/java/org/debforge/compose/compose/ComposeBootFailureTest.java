package org.debforge.compose.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.image.DiskImage;
import org.debforge.compose.image.ImageOptions;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.phase.Phase;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.testing.TestArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test phase on a disk that does not boot (a blank one: OVMF finds nothing to start), with the
 * real QEMU and OVMF and a short timeout: the failure is in test.json and the JUnit XML with the
 * serial console, and it dooms the compose unless the image output is failable.
 */
@Tag("slow")
class ComposeBootFailureTest {
  @TempDir Path tmp;

  private Composer.Result compose(boolean failable) {
    OutputSpec image =
        new OutputSpec(
            OutputSpec.Type.IMAGE,
            failable,
            Map.of("test-marker", "NEVER-PRINTED", "test-timeout", "20"));
    Blueprint bp =
        new Blueprint(
            tmp.resolve("mini.yaml"),
            "mini",
            "12",
            "bookworm",
            List.of("amd64"),
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
            List.of(new OutputSpec(OutputSpec.Type.OSTREE, false, Map.of()), image),
            Map.of());
    // In place of the image phase: a blank 64 MiB disk where the image phase puts its disks.
    Phase<ComposeContext> blank =
        Phase.of(
            "image",
            false,
            (c, log) -> {
              Path dir = Files.createDirectories(c.layout.images("amd64"));
              Path disk = dir.resolve(c.header.id() + "-amd64-disk.raw");
              try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
                f.setLength(64L << 20);
              }
              c.disks.put(
                  "amd64", List.of(new DiskImage(disk, ImageOptions.Format.RAW, 64L << 20, "")));
            });
    return new Composer(
            ComposeOptions.into(tmp.resolve("composes"), new ContentCache(tmp.resolve("cache")))
                .withSigningKey(TestArchive.composeKey()),
            List.of(blank, StandardPhases.TEST))
        .compose(bp);
  }

  @Test
  void aFailableImageThatDoesNotBootFinishesIncompleteWithTheConsoleInTheReport() throws Exception {
    Composer.Result r = compose(true);
    assertThat(r.status()).isEqualTo(ComposeStatus.FINISHED_INCOMPLETE);
    assertThat(r.phases())
        .filteredOn(p -> p.name().equals("test"))
        .singleElement()
        .satisfies(p -> assertThat(p.error()).contains("NEVER-PRINTED"));
    Path top = r.layout().topdir();
    assertThat(tmp.resolve("composes/latest-mini")).exists();
    assertThat(Files.readString(top.resolve("metadata/test.json")))
        .contains("\"passed\": false")
        .contains("no line with the marker 'NEVER-PRINTED' on the serial console within 20 s");
    String serial = Files.readString(top.resolve("logs/test.amd64.serial.log"));
    assertThat(serial).as("OVMF wrote to the serial console").isNotBlank();
    String xml = Files.readString(top.resolve("logs/test-results.xml"));
    assertThat(xml).contains("tests=\"1\" failures=\"1\"").contains("<system-out>");
    assertThat(Files.readString(top.resolve("logs/test.amd64.log")))
        .contains("qemu-system-x86_64 -machine q35 -accel tcg")
        .contains("snapshot=on");
  }

  @Test
  void aNonFailableImageThatDoesNotBootDoomsTheCompose() {
    Composer.Result r = compose(false);
    assertThat(r.status()).isEqualTo(ComposeStatus.DOOMED);
    assertThat(r.reason()).contains("test: the image did not boot to its marker");
    assertThat(tmp.resolve("composes/latest-mini")).doesNotExist();
  }
}
