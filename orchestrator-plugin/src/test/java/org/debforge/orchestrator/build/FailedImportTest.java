package org.debforge.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: an import that fails after its blobs are written (in the database) takes back the blobs
 * it added, at once, and keeps those another build holds.
 */
class FailedImportTest {
  @TempDir Path tmp;

  private static Provenance by() {
    return new Provenance("alice", Instant.now(), null, null, null);
  }

  @Test
  void aDatabaseFailureLeavesNoNewBlob() throws Exception {
    Path store = tmp.resolve("store");
    Database db = Database.embedded(store);
    try (Orchestrator o =
        new Orchestrator(new BlobStore(store), db, Clock.systemUTC(), Checkpoint.NONE)) {
      o.importBuild(Uploads.resultDir(tmp.resolve("a"), "hello", "1.0-1", "a"), by());
      List<String> before = shas(o);
      // The database refuses this one build at insert, after its blobs are in the pool.
      Sql.inTransaction(
          db,
          sql ->
              sql.update(
                  "ALTER TABLE builds ADD CONSTRAINT no_refused CHECK (source <> 'refused')"));
      Path failing = Uploads.resultDir(tmp.resolve("b"), "refused", "1.0-1", "b");
      assertThatThrownBy(() -> o.importBuild(failing, by())).isInstanceOf(DebforgeException.class);
      // root.log is the same file in both builds: hello's stays, refused's own blobs are gone.
      assertThat(shas(o)).containsExactlyInAnyOrderElementsOf(before);
      assertThat(o.gc(java.time.Duration.ZERO).removed()).isEmpty();
    }
  }

  @Test
  void anOverLongVersionOverHttpIsAProblemAndLeavesNoBlob() throws Exception {
    Path store = tmp.resolve("store");
    try (Orchestrator o = Orchestrator.open(store, null, null, null)) {
      String builder = o.createToken("setup", "jenkins", Role.BUILDER).secret();
      try (OrchestratorServer server =
          OrchestratorServer.start(
              o,
              new OrchestratorServer.Options("127.0.0.1", 0, true, 1 << 20, tmp.resolve("up")))) {
        String version = "1." + "0".repeat(208);
        Path changes = Uploads.changes(tmp.resolve("in"), "hello", version, "all", "x");
        HttpResponse<String> r = upload(server.port(), builder, changes.getParent());
        assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        JsonNode p = JsonViews.MAPPER.readTree(r.body());
        assertThat(p.path("type").asText()).startsWith("urn:debforge:problem:");
        assertThat(o.blobs().list()).isEmpty();
        assertThat(o.listBuilds()).isEmpty();
        try (Stream<Path> left = Files.list(tmp.resolve("up"))) {
          assertThat(left.toList()).isEmpty();
        }
      }
    }
  }

  private static List<String> shas(Orchestrator o) {
    return o.blobs().list().stream().map(b -> b.blob().sha256()).sorted().toList();
  }

  private static HttpResponse<String> upload(int port, String token, Path dir) throws Exception {
    String boundary = "b0undary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        body.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + f.getFileName()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(f));
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/builds"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
