package org.debforge.compose.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.testing.TestArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeIdSchemeTest {
  @TempDir Path tmp;
  static final LocalDate DAY = LocalDate.of(2026, 12, 3);

  Blueprint withVersion(String version) {
    Blueprint b = TestArchive.blueprint(tmp, List.of(), List.of(), List.of());
    return new Blueprint(
        b.file(),
        b.name(),
        version,
        b.suite(),
        b.architectures(),
        b.sources(),
        b.packages(),
        b.groups(),
        b.exclude(),
        b.recommends(),
        b.required(),
        b.files(),
        b.postprocess(),
        b.users(),
        b.kernelArgs(),
        b.outputs(),
        b.arches());
  }

  @Test
  void aKilledComposesFolderIsNeverReused() throws Exception {
    assertThat(ComposeIdScheme.PUNGI.next(withVersion("1.0"), tmp, DAY))
        .isEqualTo(new ComposeIdScheme.Id("mini-1.0-20261203.0", 0));
    Files.createDirectory(tmp.resolve("mini-1.0-20261203.0"));
    Files.createSymbolicLink(tmp.resolve("mini-1.0-20261203.1"), Path.of("elsewhere"));
    assertThat(ComposeIdScheme.PUNGI.next(withVersion("1.0"), tmp, DAY))
        .isEqualTo(new ComposeIdScheme.Id("mini-1.0-20261203.2", 2));
  }

  @Test
  void aVersionWithTheRespinSchemeIsExpanded() throws Exception {
    assertThat(ComposeIdScheme.PUNGI.next(withVersion("12.%{date}.%{n}"), tmp, DAY).id())
        .isEqualTo("mini-12.20261203.0-20261203.0");
    Files.createDirectory(tmp.resolve("mini-12.20261203.0-20261203.0"));
    assertThat(ComposeIdScheme.PUNGI.next(withVersion("12.%{date}.%{n}"), tmp, DAY).id())
        .isEqualTo("mini-12.20261203.1-20261203.1");
  }
}
