package org.debforge.cli.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.debforge.cli.testing.Launcher;
import org.junit.jupiter.api.Test;

/** The real launcher validates real dpkg output. */
class ControlCheckIT {
  @Test
  void launcherChecksADscAndItsFiles() {
    String dsc =
        Launcher.root()
            .resolve("debian-core/src/test/resources/org/debforge/core/control/tiny")
            .resolve("debforge-tiny_1.0.dsc")
            .toString();
    Launcher.Run r = Launcher.run("debforge", "control", "check", "--verify-files", dsc);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout())
        .contains("dsc debforge-tiny 1.0 (3.0 (native)), 1 files, files verified");
  }
}
