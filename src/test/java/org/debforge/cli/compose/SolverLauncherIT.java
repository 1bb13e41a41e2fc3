package org.debforge.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.debforge.cli.testing.Launcher;
import org.debforge.cli.testing.Launcher.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver as apt's external solver, from the launchers: the script install-solver writes is
 * what apt would run, fed an EDSP scenario the way apt feeds it. (EdspWithAptTest in debian-core
 * drives the solver through real apt-get.)
 */
class SolverLauncherIT {
  static final String SCENARIO =
      """
      Request: EDSP 0.5
      Architecture: amd64
      Architectures: amd64
      Install: app:amd64

      Package: app
      Architecture: amd64
      Version: 1.0
      APT-ID: 1
      Depends: mta
      APT-Candidate: yes

      Package: mail
      Architecture: amd64
      Version: 2.0
      APT-ID: 2
      Provides: mta
      APT-Candidate: yes
      """;

  @Test
  void installedScriptAnswersAsApt(@TempDir Path dir) throws Exception {
    Run installed = Launcher.run("tumbi-assembler", "install-solver", "--dir", dir.toString());
    assertThat(installed.exitCode()).as(installed.stderr()).isZero();
    Path script = dir.resolve("debforge");
    assertThat(Files.getPosixFilePermissions(script))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(Files.readString(script)).contains("/bin/tumbi-assembler' edsp-solver");
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp");

    Run answer = Launcher.exec(List.of(script.toString()), SCENARIO, Map.of(), dir);
    assertThat(answer.exitCode()).as(answer.stderr()).isZero();
    assertThat(answer.stdout())
        .isEqualTo(
            """
            Install: 1
            Package: app
            Version: 1.0
            Architecture: amd64

            Install: 2
            Package: mail
            Version: 2.0
            Architecture: amd64

            """);
  }

  @Test
  void unsatisfiableIsAnErrorStanzaWithTheExplanation(@TempDir Path dir) {
    Run r =
        Launcher.run(
            "tumbi-assembler",
            SCENARIO.replace("Install: app:amd64", "Install: nosuch:amd64"),
            Map.of(),
            dir,
            "edsp-solver");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("Error: ").contains("unable to locate package nosuch:amd64");
  }

  @Test
  void badSolverNameIsRefused(@TempDir Path dir) {
    Run r =
        Launcher.run(
            "tumbi-assembler", "install-solver", "--dir", dir.toString(), "--name", "../x");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).contains("--name '../x'");
    assertThat(dir).isEmptyDirectory();
  }
}
