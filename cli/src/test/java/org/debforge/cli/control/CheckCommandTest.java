package org.debforge.cli.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debforge control check}, in process, on debian-core's real fixtures. */
class CheckCommandTest {
  static final Path TINY =
      Path.of("../debian-core/src/test/resources/org/debforge/core/control/tiny");
  static final Path HELLO =
      Path.of("../debian-core/src/test/resources/org/debforge/core/control/hello");

  @TempDir Path tmp;

  static Result run(String... args) {
    return InProcess.run("debforge", args);
  }

  @Test
  void checksEveryKindWithVerifiedFiles() {
    for (String f :
        new String[] {
          "debforge-tiny_1.0.dsc",
          "debforge-tiny_1.0_amd64.changes",
          "debforge-tiny_1.0_amd64.buildinfo"
        }) {
      Result r = run("control", "check", "--verify-files", TINY.resolve(f).toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains(": ok: ").contains("files verified");
    }
    assertThat(run("control", "check", HELLO.resolve("control").toString()).out())
        .contains("debian/control hello, 1 binary packages");
    assertThat(run("control", "check", HELLO.resolve("changelog").toString()).out())
        .contains("changelog hello 2.10-3 unstable");
  }

  @Test
  void jsonPrintsTheTypedView() throws Exception {
    Result r =
        run(
            "control",
            "check",
            "--json",
            TINY.resolve("debforge-tiny_1.0_amd64.changes").toString());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("kind").asText()).isEqualTo("changes");
    assertThat(j.get("timestamp").asLong()).isEqualTo(1716201296L);
    assertThat(j.get("files").get(0).get("section").asText()).isEqualTo("misc");
    assertThat(j.get("files").get(0).get("sha256").asText()).hasSize(64);
    JsonNode b =
        new ObjectMapper()
            .readTree(
                run(
                        "control",
                        "check",
                        "--json",
                        TINY.resolve("debforge-tiny_1.0_amd64.buildinfo").toString())
                    .out());
    assertThat(b.get("environment").get("LANG").asText()).isEqualTo("C.UTF-8");
    assertThat(b.get("installedBuildDepends").get(0).get("name").asText()).isEqualTo("base-files");
  }

  @Test
  void failuresMapToExitCodes() throws Exception {
    for (String f : new String[] {"debforge-tiny_1.0.dsc", "debforge-tiny_1.0.tar.xz"}) {
      Files.copy(TINY.resolve(f), tmp.resolve(f));
    }
    Path dsc = tmp.resolve("debforge-tiny_1.0.dsc");
    Path tar = tmp.resolve("debforge-tiny_1.0.tar.xz");
    Files.write(tar, new byte[816]);
    Result bad = run("control", "check", "--verify-files", dsc.toString());
    assertThat(bad.code()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(bad.err()).contains("debforge-tiny_1.0.tar.xz").contains("mismatch: expected");
    Files.delete(tar);
    assertThat(run("control", "check", "--verify-files", dsc.toString()).code())
        .isEqualTo(ExitCodes.NOT_FOUND);
    Files.writeString(
        dsc,
        Files.readString(dsc).replace(" 816 debforge-tiny_1.0.tar.xz", " 816 ../../etc/passwd"));
    Result unsafe = run("control", "check", dsc.toString());
    assertThat(unsafe.code()).isEqualTo(ExitCodes.UNSAFE_INPUT);
    assertThat(unsafe.err()).contains(dsc + ":16: error: field 'Files'").contains("hint:");
    Path other = tmp.resolve("notes.txt");
    Files.writeString(other, "A: b\n");
    assertThat(run("control", "check", other.toString()).code()).isEqualTo(ExitCodes.INVALID_INPUT);
  }
}
