package org.debforge.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EDSP solver driven by real apt: {@code apt-get install -s --solver debforge} (the solver a
 * script in a private solvers directory running {@link EdspSolver}) must print the same Inst/Remv
 * lines as apt's internal solver, on a small universe with the hard cases.
 */
@Tag("slow")
class EdspWithAptTest {
  static final String PACKAGES =
      """
      Package: app
      Version: 1
      Architecture: amd64
      Priority: optional
      Depends: mail-transport-agent, mawk | awk, libfoo (>= 2)

      Package: postfix
      Version: 3
      Architecture: amd64
      Priority: optional
      Provides: mail-transport-agent
      Conflicts: mail-transport-agent

      Package: mawk
      Version: 1.3
      Architecture: amd64
      Priority: required
      Provides: awk

      Package: libfoo
      Version: 2
      Architecture: amd64
      Priority: optional
      Multi-Arch: same
      Depends: libc6

      Package: libc6
      Version: 2.36
      Architecture: amd64
      Priority: required
      Multi-Arch: same

      Package: newinit
      Version: 1
      Architecture: amd64
      Priority: optional
      Conflicts: oldinit

      Package: oldinit
      Version: 1
      Architecture: amd64
      Priority: optional

      Package: tool
      Version: 1
      Architecture: all
      Priority: optional
      Depends: perl:any

      Package: perl
      Version: 5.36
      Architecture: amd64
      Priority: standard
      Multi-Arch: allowed

      Package: broken
      Version: 1
      Architecture: amd64
      Priority: optional
      Depends: missing-lib

      Package: either
      Version: 1
      Architecture: amd64
      Priority: optional
      Depends: broken | app

      """;

  static final String STATUS =
      """
      Package: libc6
      Status: install ok installed
      Version: 2.36
      Architecture: amd64
      Priority: required
      Multi-Arch: same

      Package: oldinit
      Status: install ok installed
      Version: 1
      Architecture: amd64
      Priority: optional

      """;

  @TempDir static Path dir;
  static AptOracle apt;
  static Path solvers;

  @BeforeAll
  static void setUp() throws Exception {
    Path packages = dir.resolve("Packages");
    Files.writeString(packages, AptOracle.downloadable(PACKAGES));
    Path release = dir.resolve("Release");
    Files.writeString(
        release,
        "Origin: debforge\nSuite: test\nCodename: test\nArchitectures: amd64\nComponents: main\n");
    apt =
        new AptOracle(
            dir.resolve("apt"),
            "http://debforge.invalid/debian",
            "test",
            "amd64",
            packages,
            release);
    Files.writeString(apt.status, STATUS);
    // apt runs external solvers as its sandbox user: everything the script needs must be readable.
    solvers = Files.createDirectories(dir.resolve("solvers"));
    Path classes =
        Path.of(EdspSolver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path script = solvers.resolve("debforge");
    Files.writeString(
        script,
        "#!/bin/sh\nexec " + java + " -cp " + classes + " org.debforge.core.resolve.EdspSolver\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    // Up to, never including, /tmp itself: it must stay 1777 (a 755 /tmp breaks every other
    // process that writes temp files as another user, e.g. dpkg-source as nobody).
    Path tmpRoot = dir.getRoot().resolve("tmp");
    for (Path p = dir;
        p != null && p.startsWith(tmpRoot) && !p.equals(tmpRoot);
        p = p.getParent()) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(solvers, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void sameAnswersAsTheInternalSolver() throws Exception {
    List<String> differences = new ArrayList<>();
    int satisfiable = 0;
    for (String request :
        List.of("app", "newinit", "tool", "either", "broken", "mail-transport-agent")) {
      AptOracle.Answer internal = apt.install(List.of(request));
      AptOracle.Answer ours =
          apt.install(
              List.of("-o", "Dir::Bin::Solvers::=" + solvers, "--solver", "debforge", request));
      satisfiable += internal.satisfiable() ? 1 : 0;
      boolean same =
          internal.satisfiable() == ours.satisfiable()
              && (!internal.satisfiable() || internal.lines().equals(ours.lines()));
      if (!same) {
        differences.add(
            request + ":\n internal: " + internal.output() + "\n debforge: " + ours.output());
      }
    }
    assertThat(differences).isEmpty();
    assertThat(satisfiable).as("requests apt can satisfy").isEqualTo(5);
  }

  @Test
  void unsatisfiableShowsTheExplanationThroughApt() throws Exception {
    AptOracle.Answer ours =
        apt.install(
            List.of("-o", "Dir::Bin::Solvers::=" + solvers, "--solver", "debforge", "broken"));
    assertThat(ours.satisfiable()).isFalse();
    assertThat(ours.output()).contains("missing-lib: no package of that name exists");
  }
}
