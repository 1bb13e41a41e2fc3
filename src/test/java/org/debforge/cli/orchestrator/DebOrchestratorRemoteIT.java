package org.debforge.cli.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.debforge.cli.testing.Launcher;
import org.debforge.cli.testing.Launcher.Run;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/deb-orchestrator serve on a free port, and the same launcher as its client. */
class DebOrchestratorRemoteIT {
  @TempDir Path tmp;

  @Test
  void serveThenImportTagAndListOverHttp() throws Exception {
    Path store = tmp.resolve("store");
    Map<String, String> env = Map.of("DEB_ORCHESTRATOR_STORE", store.toString());
    Run created =
        Launcher.run(
            "deb-orchestrator",
            null,
            env,
            null,
            "token",
            "create",
            "--name",
            "ci",
            "--role",
            "admin");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    String token = created.stdout().strip();
    assertThat(token).startsWith("dfo_");

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                Launcher.root().resolve("bin/deb-orchestrator").toString(),
                "serve",
                "--listen",
                "127.0.0.1:" + port,
                "--store",
                store.toString())
            .redirectError(tmp.resolve("serve.err").toFile());
    Process server = pb.start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine())
          .isEqualTo("deb-orchestrator listening on http://127.0.0.1:" + port);
      Map<String, String> client =
          Map.of(
              "DEB_ORCHESTRATOR_SERVER",
              "http://127.0.0.1:" + port,
              "DEB_ORCHESTRATOR_TOKEN",
              token,
              "DEB_ORCHESTRATOR_STORE",
              tmp.resolve("unused").toString());
      Path result = Uploads.resultDir(tmp.resolve("result"), "hello", "2.10-3", "payload");
      Run imported = client(client, "import", result.toString(), "--json");
      assertThat(imported.exitCode()).as(imported.stderr()).isZero();
      JsonNode build = new ObjectMapper().readTree(imported.stdout()).path("build");
      assertThat(build.path("nvr").asText()).isEqualTo("hello_2.10-3");
      assertThat(build.path("provenance").path("user").asText()).isEqualTo("ci");
      assertThat(build.path("files")).hasSize(5);
      // The same upload again, resumable in 1 KiB chunks: identical content, a no-op.
      Run resumable =
          client(client, "import", result.toString(), "--resumable", "--chunk-size", "1K");
      assertThat(resumable.exitCode()).as(resumable.stderr()).isZero();
      assertThat(resumable.stdout()).contains("already imported (identical) hello_2.10-3");

      for (List<String> args :
          List.of(
              List.of("add-tag", "trixie-updates"),
              List.of("add-pkg", "trixie-updates", "hello", "--owner", "ci"),
              List.of("tag-build", "trixie-updates", "hello_2.10-3"))) {
        Run r = client(client, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(args + ": " + r.stderr()).isZero();
      }
      Run listed = client(client, "list-tagged", "trixie-updates", "--json");
      assertThat(listed.exitCode()).as(listed.stderr()).isZero();
      JsonNode rows = new ObjectMapper().readTree(listed.stdout());
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).path("tagged_by").asText()).isEqualTo("ci");

      // The same server renders the web UI from the packaged jar (precompiled jte templates).
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/tags/trixie-updates"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>trixie-updates", "hello_2.10-3");

      // A server's problem becomes the same exit code as a local run.
      Run missing = client(client, "list-tagged", "no-such-tag");
      assertThat(missing.exitCode()).isEqualTo(5);
      assertThat(missing.stderr()).contains("no tag 'no-such-tag'");
      Run badToken =
          client(
              Map.of(
                  "DEB_ORCHESTRATOR_SERVER",
                  "http://127.0.0.1:" + port,
                  "DEB_ORCHESTRATOR_TOKEN",
                  "dfo_wrong"),
              "tag-build",
              "trixie-updates",
              "hello_2.10-3");
      assertThat(badToken.exitCode()).isEqualTo(60);
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Run client(Map<String, String> env, String... args) {
    return Launcher.run("deb-orchestrator", null, env, null, args);
  }
}
