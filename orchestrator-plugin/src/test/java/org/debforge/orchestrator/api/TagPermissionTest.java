package org.debforge.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Koji-style tag perms over the REST API: a tag naming a perm needs it, or an admin. */
class TagPermissionTest {
  @TempDir Path tmp;
  Orchestrator o;
  OrchestratorServer server;
  URI url;
  String admin;
  String tagger;
  String releaser;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    o = Orchestrator.open(tmp.resolve("store"), null, null, null);
    admin = o.createToken("setup", "root-admin", Role.ADMIN).secret();
    tagger = o.createToken("setup", "release-team", Role.TAGGER).secret();
    releaser = o.createToken("setup", "sru", Role.TAGGER, List.of("release", "qa")).secret();
    o.addTag("setup", "trixie-security", List.of());
    o.addTag("setup", "trixie-proposed", List.of());
    o.addPackage("setup", "trixie-security", "hello", "alice", false);
    o.addPackage("setup", "trixie-proposed", "hello", "alice", false);
    o.importBuild(
        Uploads.changes(tmp.resolve("u"), "hello", "1.0-1", "all", "p"),
        Provenance.of("jenkins", Instant.now()));
    server =
        OrchestratorServer.start(
            o, new OrchestratorServer.Options("127.0.0.1", 0, true, 1 << 20, tmp.resolve("up")));
    url = URI.create("http://127.0.0.1:" + server.port());
    JsonNode edited =
        send("PATCH", "/api/v1/tags/trixie-security", admin, "{\"perm\":\"release\"}");
    assertThat(edited.path("perm").asText()).isEqualTo("release");
  }

  @AfterEach
  void stop() {
    server.close();
    o.close();
  }

  @Test
  void taggerWithoutThePermGets403NamingItAndNothingChanges() throws Exception {
    HttpResponse<String> r = raw("POST", "/api/v1/tags/trixie-security/builds", tagger, build());
    assertForbiddenNaming(r, "release");
    assertThat(o.listTagged("trixie-security", Tagging.Query.all())).isEmpty();
    assertThat(o.history("trixie-security", null))
        .extracting(HistoryEvent::action)
        .doesNotContain("tag");

    // Moving into the tag is refused too, and the build stays where it was.
    o.tagBuild("setup", "trixie-proposed", "hello_1.0-1");
    r =
        raw(
            "POST",
            "/api/v1/builds/hello_1.0-1/move",
            tagger,
            "{\"from\":\"trixie-proposed\",\"to\":\"trixie-security\"}");
    assertForbiddenNaming(r, "release");
    assertThat(o.listTagged("trixie-proposed", Tagging.Query.all())).hasSize(1);
    assertThat(o.listTagged("trixie-security", Tagging.Query.all())).isEmpty();
  }

  @Test
  void tokenHoldingThePermTagsAndUntagsAndAdminBypasses() throws Exception {
    assertThat(raw("POST", "/api/v1/tags/trixie-security/builds", releaser, build()).statusCode())
        .isEqualTo(204);
    assertThat(o.history("trixie-security", "hello_1.0-1"))
        .anyMatch(e -> e.action().equals("tag") && e.actor().equals("sru"));
    // Untagging needs the perm as well.
    assertForbiddenNaming(
        raw("DELETE", "/api/v1/tags/trixie-security/builds/hello_1.0-1", tagger, null), "release");
    assertThat(o.listTagged("trixie-security", Tagging.Query.all())).hasSize(1);
    // An admin holds no named perm and still may.
    assertThat(
            raw("DELETE", "/api/v1/tags/trixie-security/builds/hello_1.0-1", admin, null)
                .statusCode())
        .isEqualTo(204);
    assertThat(o.listTagged("trixie-security", Tagging.Query.all())).isEmpty();
  }

  @Test
  void removingThePermOpensTheTagToTaggersAndTokensListTheirPerms() throws Exception {
    assertThat(
            send("PATCH", "/api/v1/tags/trixie-security", admin, "{\"perm\":null}")
                .get("perm")
                .isNull())
        .isTrue();
    assertThat(raw("POST", "/api/v1/tags/trixie-security/builds", tagger, build()).statusCode())
        .isEqualTo(204);
    JsonNode tokens = JsonViews.MAPPER.readTree(raw("GET", "/api/v1/tokens", admin, null).body());
    assertThat(tokens.findValues("perms").toString()).contains("[\"qa\",\"release\"]");
    assertThat(o.history("trixie-security", null))
        .extracting(HistoryEvent::detail)
        .contains("perm=release", "perm=");
  }

  @Test
  void hostilePermNamesAre400AndChangeNothing() throws Exception {
    for (String body :
        new String[] {
          "{\"perm\":\"../../etc\"}",
          "{\"perm\":\"\"}",
          "{\"perm\":5}",
          "{\"perm\":\"Release Team\"}",
          "{\"perm\":\"a\\u0000b\"}"
        }) {
      HttpResponse<String> r = raw("PATCH", "/api/v1/tags/trixie-security", admin, body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
    assertThat(o.tag("trixie-security").perm()).isEqualTo("release");
    HttpResponse<String> r =
        raw(
            "POST",
            "/api/v1/tokens",
            admin,
            "{\"name\":\"evil\",\"role\":\"tagger\",\"perms\":[\"<script>\"]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(o.listTokens()).extracting(t -> t.name()).doesNotContain("evil");
    // A tagger cannot give a tag a perm, nor take it away.
    assertThat(raw("PATCH", "/api/v1/tags/trixie-security", tagger, "{\"perm\":null}").statusCode())
        .isEqualTo(403);
    assertThat(o.tag("trixie-security").perm()).isEqualTo("release");
  }

  static String build() {
    return "{\"build\":\"hello_1.0-1\"}";
  }

  void assertForbiddenNaming(HttpResponse<String> r, String perm) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode p = JsonViews.MAPPER.readTree(r.body());
    assertThat(p.path("type").asText()).isEqualTo("urn:debforge:problem:permission-denied");
    assertThat(p.path("detail").asText()).contains("'" + perm + "'", "release-team");
    assertThat(p.path("hint").asText()).contains("--perm " + perm);
  }

  JsonNode send(String method, String path, String token, String body) throws Exception {
    HttpResponse<String> r = raw(method, path, token, body);
    assertThat(r.statusCode()).as(r.body()).isLessThan(300);
    return JsonViews.MAPPER.readTree(r.body());
  }

  HttpResponse<String> raw(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url.resolve(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
