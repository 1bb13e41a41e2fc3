package org.debforge.cli.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.debforge.cli.testing.Launcher;
import org.debforge.cli.testing.Launcher.Run;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/deb-orchestrator as a user runs it, against a store named by the environment. */
class DebOrchestratorIT {
  @TempDir Path tmp;

  Run run(String... args) {
    return Launcher.run(
        "deb-orchestrator",
        null,
        java.util.Map.of(
            "DEB_ORCHESTRATOR_STORE",
            tmp.resolve("store").toString(),
            "DEB_ORCHESTRATOR_USER",
            "ci"),
        null,
        args);
  }

  @Test
  void importAddTagTagBuildListTagged() throws Exception {
    Path result = Uploads.resultDir(tmp.resolve("result"), "hello", "2.10-3", "payload");
    Run imported = run("import", result.toString(), "--json");
    assertThat(imported.exitCode()).as(imported.stderr()).isZero();
    assertThat(imported.stderr()).isEmpty();
    JsonNode build = new ObjectMapper().readTree(imported.stdout()).path("build");
    assertThat(build.path("nvr").asText()).isEqualTo("hello_2.10-3");
    assertThat(build.path("files")).hasSize(5);

    assertThat(run("add-tag", "trixie-updates").exitCode()).isZero();
    assertThat(run("add-pkg", "trixie-updates", "hello", "--owner", "ci").exitCode()).isZero();
    assertThat(run("tag-build", "trixie-updates", "hello_2.10-3").exitCode()).isZero();
    Run listed = run("list-tagged", "trixie-updates", "--json");
    assertThat(listed.exitCode()).isZero();
    JsonNode rows = new ObjectMapper().readTree(listed.stdout());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("nvr").asText()).isEqualTo("hello_2.10-3");
    assertThat(rows.get(0).path("tagged_by").asText()).isEqualTo("ci");

    Run missing = run("list-tagged", "no-such-tag");
    assertThat(missing.exitCode()).isEqualTo(5);
    assertThat(missing.stderr()).contains("no tag 'no-such-tag'");
  }
}
