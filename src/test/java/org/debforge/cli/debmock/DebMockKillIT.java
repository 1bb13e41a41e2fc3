package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.debforge.cli.testing.Launcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the real bin/deb-mock in the middle of a build leaves no mount on the host and
 * no build process behind, and the next build works.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class DebMockKillIT {
  @TempDir Path dir;

  @Test
  void killMinus9MidBuildLeavesNoMountsAndNextBuildWorks() throws Exception {
    Path dsc = TinySource.make(dir, "dmkill", "sleep 4242", null);
    Path out = dir.resolve("out");
    Process p =
        new ProcessBuilder(
                Launcher.root().resolve("bin/deb-mock").toString(),
                "-q",
                "-r",
                "bookworm-amd64",
                "--resultdir",
                out.toString(),
                "--uniqueext",
                "killtest",
                "--rebuild",
                dsc.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("launcher.out").toFile())
            .start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (!(Files.exists(out.resolve("build.log"))
        && Files.readString(out.resolve("build.log")).contains("(no network)"))) {
      assertThat(p.isAlive()).as(Files.readString(dir.resolve("launcher.out"))).isTrue();
      assertThat(Instant.now()).isBefore(deadline);
      Thread.sleep(200);
    }
    // dpkg-buildpackage gets to 'sleep 4242' in the root within seconds, more on a loaded host;
    // a failed wait kills the launcher anyway, so no build outlives the test.
    Instant running = Instant.now().plusSeconds(60);
    while (!ps().contains("sleep 4242") && Instant.now().isBefore(running)) {
      Thread.sleep(200);
    }
    if (!ps().contains("sleep 4242")) {
      p.destroyForcibly().waitFor();
    }
    assertThat(ps()).contains("sleep 4242");
    p.destroyForcibly().waitFor();
    Instant gone = Instant.now().plusSeconds(20);
    while (ps().contains("sleep 4242") && Instant.now().isBefore(gone)) {
      Thread.sleep(200);
    }
    assertThat(ps()).doesNotContain("sleep 4242");
    assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
        .doesNotContain("deb-mock")
        .doesNotContain("killtest");

    // The next build, even with the same --uniqueext after --clean, works.
    assertThat(
            Launcher.run(
                    "deb-mock", "-q", "-r", "bookworm-amd64", "--uniqueext", "killtest", "--clean")
                .exitCode())
        .isZero();
    Path ok =
        TinySource.make(Files.createDirectory(dir.resolve("next")), "dmafterkill", "true", null);
    var r =
        Launcher.run(
            "deb-mock",
            "-q",
            "-r",
            "bookworm-amd64",
            "--resultdir",
            dir.resolve("out2").toString(),
            "--rebuild",
            ok.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(dir.resolve("out2/dmafterkill_1.0_all.deb")).isRegularFile();
  }

  private static String ps() throws Exception {
    Process ps = new ProcessBuilder("ps", "-eo", "args").start();
    return new String(ps.getInputStream().readAllBytes());
  }
}
