package org.debforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.debforge.cli.testing.Launcher;
import org.debforge.cli.testing.Launcher.Run;
import org.junit.jupiter.api.Test;

/** The committed launchers in bin/, run as a user runs them. */
class LauncherIT {
  @Test
  void versionNamesTheRelease() {
    Run r = Launcher.run("debforge", "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("debforge 0.");
  }

  @Test
  void everyToolLauncherIsItsOwnProgram() {
    for (String tool :
        new String[] {"deb-mock", "deb-orchestrator", "tumbi-assembler", "apt-ostree"}) {
      Run r = Launcher.run(tool, "--help");
      assertThat(r.exitCode()).as(tool).isZero();
      assertThat(r.stdout()).as(tool).startsWith("Usage: " + tool);
      // The packaged help lists the whole table (ExitCodesTest checks every row in process).
      assertThat(r.stdout())
          .as(tool)
          .contains("Exit codes (docs/cli.md):")
          .contains("  61   permission denied: the token's role does not allow the operation");
    }
  }

  @Test
  void launcherBeforeTheBuildSaysHowToBuild() {
    Run r =
        Launcher.run(
            "deb-mock", null, Map.of("DEBFORGE_HOME", "/nonexistent/debforge"), null, "--help");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("not built yet").contains("mvn -B -q package -DskipTests");
  }

  @Test
  void mirrorHonoursTheEnvironment() {
    Run r =
        Launcher.run(
            "debforge",
            null,
            Map.of("DEBIAN_MIRROR", "http://mirror.example/debian/"),
            null,
            "mirror");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("http://mirror.example/debian\n");
  }
}
