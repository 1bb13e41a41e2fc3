package org.debforge.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.Checkpoint;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.compose.ComposeImport;
import org.debforge.orchestrator.compose.ComposeMetadataReader;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.testing.Composes;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST/GET /api/v1/composes on a server in this JVM: roles, idempotence, conflicts, bad bodies. */
class ComposeHttpTest {
  static final String ID = "Debforge-12-20260603.0";

  @TempDir Path tmp;
  Orchestrator o;
  OrchestratorServer server;
  URI url;
  String builder;
  String reader;
  Composes.Pkg hello;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Path store = tmp.resolve("store");
    o =
        new Orchestrator(
            new BlobStore(store), Database.embedded(store), Clock.systemUTC(), Checkpoint.NONE);
    builder = o.createToken("setup", "jenkins", Role.BUILDER).secret();
    reader = o.createToken("setup", "composer", Role.READER).secret();
    Build b =
        o.importBuild(
                Uploads.changes(tmp.resolve("up"), "hello", "2.10-3", "amd64", "x"),
                Provenance.of("alice", Instant.EPOCH))
            .build();
    BuildFile deb =
        o.build(b.nvr()).files().stream().filter(f -> f.kind().equals("deb")).findFirst().get();
    hello = new Composes.Pkg("hello", "2.10-3", "amd64", deb.sha256(), deb.size());
    server =
        OrchestratorServer.start(
            o, new OrchestratorServer.Options("127.0.0.1", 0, true, 1 << 20, tmp.resolve("u")));
    url = URI.create("http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.close();
    o.close();
  }

  String body(String status) {
    return "{\"composeinfo\": "
        + Composes.composeinfo(ID, status)
        + ", \"lock\": "
        + Composes.lock(ID, "bookworm-local", "s1", List.of(Composes.BASE_FILES), List.of(hello))
        + "}";
  }

  HttpResponse<String> post(String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url.resolve("/api/v1/composes"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void importListShowWithTheBuildersRole() throws Exception {
    assertThat(post(null, body("FINISHED")).statusCode()).isEqualTo(401);
    assertThat(post(reader, body("FINISHED")).statusCode()).isEqualTo(403);
    HttpResponse<String> created = post(builder, body("FINISHED"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(post(builder, body("FINISHED")).statusCode()).isEqualTo(200);
    HttpResponse<String> conflict = post(builder, body("DOOMED"));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains(ID);

    JsonNode list = JsonViews.MAPPER.readTree(get("/api/v1/composes").body());
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("id").asText()).isEqualTo(ID);
    assertThat(list.get(0).path("linked_packages").asInt()).isEqualTo(1);
    JsonNode one = JsonViews.MAPPER.readTree(get("/api/v1/composes/" + ID).body());
    assertThat(one.path("imported_by").asText()).isEqualTo("jenkins");
    assertThat(one.path("sources").get(1).path("snapshot").asText()).isEqualTo("s1");
    assertThat(one.path("packages").get(1).path("build").asText()).isEqualTo("hello_2.10-3");
    assertThat(one.path("phases").get(1).path("name").asText()).isEqualTo("gather");
    assertThat(get("/api/v1/composes/nope").statusCode()).isEqualTo(404);
    assertThat(
            JsonViews.MAPPER.readTree(
                get("/api/v1/composes?tag=bookworm-local&snapshot=s1").body()))
        .hasSize(1);
    assertThat(
            JsonViews.MAPPER.readTree(
                get("/api/v1/composes?tag=bookworm-local&snapshot=s2").body()))
        .isEmpty();
    assertThat(JsonViews.MAPPER.readTree(get("/api/v1/composes?build=hello_2.10-3").body()))
        .hasSize(1);
    assertThat(get("/api/v1/composes?build=nosuch_1").statusCode()).isEqualTo(404);
  }

  @Test
  void theClientSendsWhatTheServerReadsBackIdentically() throws Exception {
    var m =
        ComposeMetadataReader.read(
            Composes.dir(
                tmp.resolve("c"),
                Composes.composeinfo(ID, "FINISHED"),
                Composes.lock(ID, "t", null, List.of(), List.of(hello))));
    RemoteOrchestrator remote = new RemoteOrchestrator(url, builder);
    ComposeImport first = remote.importCompose("ignored", m);
    assertThat(first.created()).isTrue();
    assertThat(first.compose().metadata().contentSha256()).isEqualTo(m.contentSha256());
    assertThat(remote.importCompose("ignored", m).created()).isFalse();
    assertThat(remote.listComposes())
        .singleElement()
        .satisfies(s -> assertThat(s.composeId()).isEqualTo(ID));
    assertThat(remote.compose(ID).packages().get(0).build()).isEqualTo("hello_2.10-3");
    assertThatThrownBy(() -> remote.compose("nope"))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void badBodiesAre400AndNothingIsStored() throws Exception {
    for (String bad :
        List.of(
            "",
            "not json",
            "[]",
            "{}",
            "{\"composeinfo\": {}, \"lock\": {}}",
            body("FINISHED").replace("\"schema\":1", "\"schema\":7"),
            body("FINISHED").replace(hello.sha256(), "zz"),
            "{\"composeinfo\": " + "[".repeat(5000) + "]".repeat(5000) + "}")) {
      HttpResponse<String> r = post(builder, bad);
      assertThat(r.statusCode()).as(bad.length() > 80 ? bad.substring(0, 80) : bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
    }
    assertThat(o.listComposes()).isEmpty();
  }

  @Test
  void anOversizedBodyIsRefused() throws Exception {
    // Declared too large: refused before it is read.
    HttpRequest req =
        HttpRequest.newBuilder(url.resolve("/api/v1/composes"))
            .header("Authorization", "Bearer " + builder)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(new byte[ComposeRoutes.MAX_BODY_BYTES + 1]))
            .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isIn(400, 413);
    assertThat(o.listComposes()).isEmpty();
  }
}
