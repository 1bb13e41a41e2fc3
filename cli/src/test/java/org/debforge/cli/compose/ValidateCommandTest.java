package org.debforge.cli.compose;

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

/** {@code tumbi-assembler validate}, in process, on the documented example and on broken files. */
class ValidateCommandTest {
  static final Path EXAMPLE = Path.of("../docs/examples/bookworm-minimal.yaml");

  @TempDir Path tmp;

  static Result run(String... args) {
    return InProcess.run("tumbi-assembler", args);
  }

  @Test
  void summarizesTheExample() {
    Result r = run("validate", EXAMPLE.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(EXAMPLE + ": ok\n")
        .contains("  name:          bookworm-minimal\n")
        .contains("  suite:         bookworm\n")
        .contains("  architectures: amd64  (native: amd64)\n")
        .contains("1. bookworm-candidate: orchestrator:bookworm-candidate (local store)")
        .contains("2. bookworm: Debian archive bookworm [main] from the host's mirror")
        .contains("amd64: 6 requested, 1 excluded")
        .contains("  root:          1 file, 1 user, 2 postprocess scripts\n")
        .contains("  outputs:       repo, rootfs\n");
    assertThat(r.out())
        .containsPattern("first compose today: bookworm-minimal-12\\.\\d{8}\\.0-\\d{8}\\.0");
  }

  @Test
  void jsonSummary() throws Exception {
    Result r = run("validate", "--json", EXAMPLE.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("valid").asBoolean()).isTrue();
    assertThat(j.get("name").asText()).isEqualTo("bookworm-minimal");
    assertThat(j.get("architectures").toString()).isEqualTo("[\"amd64\"]");
    assertThat(j.get("packages").get("amd64").asInt()).isEqualTo(6);
    assertThat(j.get("sources").get(0).get("type").asText()).isEqualTo("orchestrator");
    assertThat(j.get("sources").get(1).get("components").toString()).isEqualTo("[\"main\"]");
    assertThat(j.get("outputs").get(1).get("type").asText()).isEqualTo("rootfs");
    assertThat(j.get("postprocess").toString()).isEqualTo("[\"enable-ssh.sh\",\"inline-1\"]");
  }

  @Test
  void errorsExitFiftyAndNameFileLineAndKey() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(
        f, "name: t\nversion: '1'\nsuite: bookworm\narchitectures: [amd64]\npakages: [hello]\n");
    Result r = run("validate", f.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG).isEqualTo(50);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("tumbi-assembler: " + f.toAbsolutePath() + ":5:1: error: pakages: unknown key")
        .contains("hint: did you mean 'packages'?");
  }

  @Test
  void jsonErrorsListEveryProblem() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(
        f, "name: t\nversion: '1'\nsuite: bookworm\narchitectures: [amd46]\nusers: [{name: A}]\n");
    Result r = run("validate", "--json", f.toString());
    assertThat(r.code()).isEqualTo(50);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("valid").asBoolean()).isFalse();
    assertThat(j.get("kind").asText()).isEqualTo("config");
    assertThat(j.get("errors")).hasSize(2);
    JsonNode e = j.get("errors").get(1);
    assertThat(e.get("line").asInt()).isEqualTo(5);
    assertThat(e.get("column").asInt()).isEqualTo(16);
    assertThat(e.get("key").asText()).isEqualTo("users[0].name");
    assertThat(e.get("hint").asText()).contains("lower case letters");
  }

  @Test
  void aMissingFileIsNotFound() {
    Result r = run("validate", tmp.resolve("none.yaml").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.err()).contains("no such blueprint file");
  }

  @Test
  void oversizedInputIsUnsafe() throws Exception {
    Path f = tmp.resolve("big.yaml");
    Files.writeString(f, "#" + "x".repeat(2 << 20));
    Result r = run("validate", "--json", f.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.UNSAFE_INPUT);
    assertThat(new ObjectMapper().readTree(r.out()).get("kind").asText()).isEqualTo("unsafe-input");
  }
}
