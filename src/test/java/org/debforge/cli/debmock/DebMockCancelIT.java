package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.debforge.cli.testing.Launcher;
import org.debforge.debmock.RunOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C's SIGINT also triggers) to the real bin/deb-mock in the middle of a build:
 * the build's processes die, no mount is left, the build root is removed, and result.json says
 * {@code canceled}.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class DebMockCancelIT {
  @TempDir Path dir;

  @Test
  void sigtermMidBuildCleansUpAndRecordsCanceled() throws Exception {
    Path dsc = TinySource.make(dir, "dmcancel", "sleep 4343", null);
    Path out = dir.resolve("out");
    Path root = RunOptions.defaultBuildsDir().resolve("bookworm-amd64-canceltest");
    Process p =
        new ProcessBuilder(
                Launcher.root().resolve("bin/deb-mock").toString(),
                "-q",
                "-r",
                "bookworm-amd64",
                "--resultdir",
                out.toString(),
                "--uniqueext",
                "canceltest",
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
    Thread.sleep(2000); // dpkg-buildpackage is now running 'sleep 4343' in the root
    assertThat(ps()).contains("sleep 4343");
    assertThat(root).isDirectory();

    p.destroy(); // SIGTERM
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("deb-mock exits after SIGTERM").isTrue();

    assertThat(ps()).doesNotContain("sleep 4343");
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("canceltest");
    assertThat(root).doesNotExist();
    JsonNode r = new ObjectMapper().readTree(out.resolve("result.json").toFile());
    assertThat(r.get("status").asText()).isEqualTo("canceled");
    assertThat(r.get("exit_reason").asText()).isEqualTo("canceled");
    assertThat(out.resolve("root.log")).content().contains("canceled");
  }

  private static String ps() throws Exception {
    Process ps = new ProcessBuilder("ps", "-eo", "args").start();
    return new String(ps.getInputStream().readAllBytes());
  }
}
