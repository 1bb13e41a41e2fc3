package org.debforge.cli.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.debforge.orchestrator.testing.Composes;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deb-orchestrator import-compose}, {@code list-composes}, {@code compose-info}. */
class ComposeCommandTest {
  static final String ID = "Debforge-12-20260603.0";

  @TempDir Path tmp;

  Result run(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--store";
    all[args.length + 1] = tmp.resolve("store").toString();
    all[args.length + 2] = "--user";
    all[args.length + 3] = "tester";
    return InProcess.run("deb-orchestrator", all);
  }

  Path compose(String status, Composes.Pkg fromTag) throws Exception {
    return Composes.dir(
        tmp.resolve("compose-" + status),
        Composes.composeinfo(ID, status),
        Composes.lock(ID, "bookworm-local", "s1", List.of(Composes.BASE_FILES), List.of(fromTag)));
  }

  @Test
  void importsOnceLinksTheBuildAndRefusesOtherContent() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("up"), "hello", "2.10-3", "amd64", "x");
    Result imported = run("import", changes.toString(), "--json");
    assertThat(imported.code()).as(imported.err()).isZero();
    JsonNode deb = null;
    for (JsonNode f : new ObjectMapper().readTree(imported.out()).path("build").path("files")) {
      if (f.path("kind").asText().equals("deb")) {
        deb = f;
      }
    }
    Composes.Pkg hello =
        new Composes.Pkg(
            "hello", "2.10-3", "amd64", deb.path("sha256").asText(), deb.path("size").asLong());
    Path dir = compose("FINISHED", hello);

    Result first = run("import-compose", dir.toString(), "--json");
    assertThat(first.code()).as(first.err()).isZero();
    JsonNode r = new ObjectMapper().readTree(first.out());
    assertThat(r.path("created").asBoolean()).isTrue();
    assertThat(r.path("compose").path("packages").get(1).path("build").asText())
        .isEqualTo("hello_2.10-3");
    assertThat(r.path("compose").path("imported_by").asText()).isEqualTo("tester");

    Result again = run("import-compose", dir.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).startsWith("already imported (identical) compose " + ID);

    Result conflict = run("import-compose", compose("DOOMED", hello).toString());
    assertThat(conflict.code()).isEqualTo(6);
    assertThat(conflict.err()).contains(ID);

    assertThat(run("list-composes").out()).contains(ID, "FINISHED");
    Result info = run("compose-info", ID);
    assertThat(info.out())
        .contains("(tag bookworm-local@s1)", "hello 2.10-3 amd64  build hello_2.10-3");
  }

  @Test
  void aBadLockIsNamedAndNothingIsImported() throws Exception {
    Path dir = compose("FINISHED", Composes.BASE_FILES);
    Files.writeString(
        dir.resolve("metadata/lock.json"),
        Files.readString(dir.resolve("metadata/lock.json"))
            .replace("\"schema\":1", "\"schema\":9"));
    Result r = run("import-compose", dir.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("metadata/lock.json: schema");
    assertThat(run("list-composes", "--json").out().strip()).isEqualTo("[ ]");
  }

  @Test
  void publishedNamesTheRepositoryAndRefusesUnknownOnes() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("up"), "hello", "1.0-1", "amd64", "x");
    assertThat(run("import", changes.toString()).code()).isZero();
    assertThat(run("add-tag", "trixie-updates", "--arches", "amd64").code()).isZero();
    assertThat(run("add-pkg", "trixie-updates", "hello", "--owner", "alice").code()).isZero();
    assertThat(run("tag-build", "trixie-updates", "hello_1.0-1").code()).isZero();
    Result never = run("published", "trixie-updates");
    assertThat(never.code()).isEqualTo(5);
    assertThat(never.err()).contains("'trixie-updates' was never published");
    assertThat(run("publish", "trixie-updates", "--snapshot", "first").code()).isZero();

    Result live = run("published", "trixie-updates");
    assertThat(live.code()).as(live.err()).isZero();
    assertThat(live.out())
        .contains(
            "deb " + tmp.resolve("store/repos/trixie-updates").toUri() + " trixie-updates main")
        .contains("Signed: no");
    JsonNode snap =
        new ObjectMapper().readTree(run("published", "trixie-updates@first", "--json").out());
    assertThat(snap.path("suite").asText()).isEqualTo("trixie-updates/snapshots/first");
    assertThat(snap.path("key").isNull()).isTrue();
    Result unknown = run("published", "trixie-updates@second");
    assertThat(unknown.code()).isEqualTo(5);
    assertThat(unknown.err()).contains("no snapshot 'second'");
  }
}
