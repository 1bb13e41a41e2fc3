package org.debforge.cli.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deb-orchestrator publish} and {@code publish-config} in process. */
class PublishCommandTest {
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

  @Test
  void configurePublishSnapshotAndExport() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("up"), "hello", "1.0-1", "amd64", "x");
    assertThat(run("import", changes.toString()).code()).isZero();
    assertThat(run("add-tag", "trixie-updates", "--arches", "amd64").code()).isZero();
    assertThat(run("add-pkg", "trixie-updates", "hello", "--owner", "alice").code()).isZero();
    assertThat(run("tag-build", "trixie-updates", "hello_1.0-1").code()).isZero();

    Result config =
        run(
            "publish-config",
            "trixie-updates",
            "--codename",
            "trixie",
            "--components",
            "main,contrib",
            "--origin",
            "Debforge");
    assertThat(config.code()).as(config.err()).isZero();
    assertThat(config.out()).contains("Suite: trixie-updates (codename trixie)", "main contrib");
    assertThat(run("publish-config", "trixie-updates", "--json").out())
        .contains("\"origin\" : \"Debforge\"");

    Path export = tmp.resolve("www");
    Result published =
        run(
            "publish",
            "trixie-updates",
            "--snapshot",
            "first",
            "--export",
            export.toString(),
            "--json");
    assertThat(published.code()).as(published.err()).isZero();
    JsonNode r = new ObjectMapper().readTree(published.out());
    assertThat(r.path("binaries").asInt()).isEqualTo(1);
    assertThat(r.path("snapshot").asText()).endsWith("dists/trixie-updates/snapshots/first");
    assertThat(Files.readString(export.resolve("dists/trixie-updates/Release")))
        .contains("Codename: trixie", "Components: main contrib");
    assertThat(export.resolve("pool/main/h/hello/hello_1.0-1_amd64.deb")).exists();

    Result again = run("publish", "trixie-updates");
    assertThat(again.out()).contains("0 index files written", "Release unchanged", "unsigned");
  }

  @Test
  void refusals() {
    Result unknown = run("publish", "no-such-tag");
    assertThat(unknown.code()).isNotZero();
    assertThat(unknown.err()).contains("no-such-tag");
    assertThat(run("add-tag", "t", "--arches", "amd64").code()).isZero();
    Result bad = run("publish-config", "t", "--suite", "../etc");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("invalid suite");
    Result remote = run("publish", "t", "--server", "http://127.0.0.1:9");
    assertThat(remote.code()).isNotZero();
    assertThat(remote.err()).contains("local store only");
  }

  @Test
  void signingKeyTakesAKeyFileOrAGpgKeyId() throws Exception {
    assertThat(run("add-tag", "t", "--arches", "amd64").code()).isZero();
    String fpr = "2A20A664A4FB0089B2EEA0F84F3F4AFCA8896FE8";
    assertThat(run("publish-config", "t", "--signing-key", fpr).code()).isZero();
    assertThat(json(run("publish-config", "t", "--json").out()).get("signing_key").asText())
        .isEqualTo(fpr);
    assertThat(run("publish-config", "t", "--signing-key", "archive@example.org").code()).isZero();
    assertThat(json(run("publish-config", "t", "--json").out()).get("signing_key").asText())
        .isEqualTo("archive@example.org");
    // A file is kept as an absolute path, as before.
    Path file = Files.writeString(tmp.resolve("A8896FE8"), "");
    Path relative = Path.of("").toAbsolutePath().relativize(file);
    assertThat(run("publish-config", "t", "--signing-key", relative.toString()).code()).isZero();
    assertThat(json(run("publish-config", "t", "--json").out()).get("signing_key").asText())
        .isEqualTo(file.toString());
  }

  private static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }
}
