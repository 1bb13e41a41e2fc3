package org.debforge.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EdspSolverTest {
  static final String UNIVERSE =
      """
      Package: app
      Architecture: amd64
      Version: 1
      APT-ID: 1
      APT-Candidate: yes
      Depends: mta | mail-transport-agent

      Package: postfix
      Architecture: amd64
      Version: 3
      APT-ID: 2
      APT-Candidate: yes
      Provides: mail-transport-agent

      Package: libc6
      Architecture: amd64
      Version: 2.36
      APT-ID: 3
      Installed: yes
      APT-Candidate: yes

      Package: old
      Architecture: all
      Version: 1
      APT-ID: 4
      Installed: yes
      APT-Candidate: yes

      Package: new
      Architecture: amd64
      Version: 1
      APT-ID: 5
      APT-Candidate: yes
      Conflicts: old
      """;

  static String solve(String request) {
    String input = request + "\n" + UNIVERSE;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        EdspSolver.run(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            null);
    assertThat(status).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void answersWithAptIds() {
    assertThat(
            solve(
                "Request: EDSP 0.5\nArchitecture: amd64\nArchitectures: amd64\nInstall: app:amd64\n"))
        .isEqualTo(
            """
            Install: 1
            Package: app
            Version: 1
            Architecture: amd64

            Install: 2
            Package: postfix
            Version: 3
            Architecture: amd64

            """);
  }

  @Test
  void removesWhatAnInstallConflictsWith() {
    assertThat(solve("Request: EDSP 0.5\nArchitecture: amd64\nInstall: new:amd64\n"))
        .isEqualTo(
            """
            Install: 5
            Package: new
            Version: 1
            Architecture: amd64

            Remove: 4
            Package: old
            Version: 1
            Architecture: all

            """);
  }

  @Test
  void unsatisfiableIsAnErrorStanzaWithTheTree() {
    assertThat(solve("Request: EDSP 0.5\nArchitecture: amd64\nInstall: nosuch:amd64\n"))
        .isEqualTo(
            """
            Error: debforge-unsatisfiable
            Message:
             cannot install nosuch:amd64
             └─ request nosuch:amd64
                └─ unable to locate package nosuch:amd64

            """);
  }

  @Test
  void upgradesAreRefusedWithAHint() {
    assertThat(solve("Request: EDSP 0.5\nArchitecture: amd64\nUpgrade-All: yes\n"))
        .startsWith(
            "Error: debforge-failed\nMessage:\n EDSP scenario (stdin):3: error: field 'Upgrade-All'")
        .contains("use apt's internal solver");
  }
}
