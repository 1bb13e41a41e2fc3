package org.debforge.orchestrator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publish routes and the read-only /repos/ files on a server in this JVM. */
class PublishHttpTest {
  @TempDir Path tmp;
  Orchestrator o;
  OrchestratorServer server;
  URI url;
  String admin;
  String tagger;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    o = Fixture.withBuilds(tmp);
    admin = o.createToken("setup", "root-admin", Role.ADMIN).secret();
    tagger = o.createToken("setup", "release-team", Role.TAGGER).secret();
    server =
        OrchestratorServer.start(
            o, new OrchestratorServer.Options("127.0.0.1", 0, true, 1 << 20, tmp.resolve("up")));
    url = URI.create("http://127.0.0.1:" + server.port());
    // A secret beside the repositories that no path may reach.
    Files.writeString(tmp.resolve("store/repos-secret"), "SECRET");
    Files.createDirectories(tmp.resolve("store/repos"));
    Files.writeString(tmp.resolve("store/repos/.hidden"), "SECRET");
  }

  @AfterEach
  void stop() {
    server.close();
    o.close();
  }

  @Test
  void settingsPublishAndServedFiles() throws Exception {
    HttpResponse<String> r = send("GET", "/api/v1/tags/" + Fixture.TAG + "/publish", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"suite\":\"trixie-updates\"", "\"components\":[\"main\"]");

    r =
        send(
            "PUT",
            "/api/v1/tags/" + Fixture.TAG + "/publish",
            admin,
            "{\"codename\": \"trixie\", \"origin\": \"Debforge\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"codename\":\"trixie\"", "\"origin\":\"Debforge\"");

    r = send("POST", "/api/v1/tags/" + Fixture.TAG + "/publish?snapshot=s1", tagger, "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"binaries\":3", "snapshots/s1");

    Path repo = o.publisher().repository(Fixture.TAG);
    for (String f :
        new String[] {
          "dists/trixie-updates/Release",
          "dists/trixie-updates/main/binary-amd64/Packages.xz",
          "dists/trixie-updates/snapshots/s1/Release",
          "pool/main/h/hello/hello_1.0-1_amd64.deb"
        }) {
      HttpResponse<byte[]> got =
          http.send(
              HttpRequest.newBuilder(url.resolve("/repos/" + Fixture.TAG + "/" + f)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(got.statusCode()).as(f).isEqualTo(200);
      assertThat(got.body()).as(f).isEqualTo(Files.readAllBytes(repo.resolve(f)));
    }
  }

  @Test
  void refusesBadRequests() throws Exception {
    String api = "/api/v1/tags/";
    assertThat(send("POST", api + "no-such-tag/publish", tagger, "").statusCode()).isEqualTo(404);
    assertThat(send("GET", api + "no-such-tag/publish", null, null).statusCode()).isEqualTo(404);
    assertThat(send("POST", api + Fixture.TAG + "/publish", null, "").statusCode()).isEqualTo(401);
    assertThat(send("PUT", api + Fixture.TAG + "/publish", tagger, "{}").statusCode())
        .isEqualTo(403);
    for (String body :
        new String[] {
          "{\"suite\": \"../etc\"}",
          "{\"components\": []}",
          "{\"architectures\": [\"all\"]}",
          "{\"nonsense\": 1}",
          "{\"latest_only\": \"yes\"}",
          "[]",
          "not json"
        }) {
      HttpResponse<String> r = send("PUT", api + Fixture.TAG + "/publish", admin, body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json; charset=utf-8");
    }
    assertThat(send("POST", api + Fixture.TAG + "/publish?snapshot=..", tagger, "").statusCode())
        .isEqualTo(400);
  }

  @Test
  void servedPathsCannotLeaveTheRepository() throws Exception {
    send("POST", "/api/v1/tags/" + Fixture.TAG + "/publish", tagger, "");
    String t = "/repos/" + Fixture.TAG;
    for (String path :
        new String[] {
          t + "/../repos-secret",
          t + "/../../store/repos-secret",
          t + "/dists/../../repos-secret",
          t + "/%2e%2e/repos-secret",
          t + "/%2E%2E/%2e%2e/repos-secret",
          t + "/dists%2f..%2f..%2frepos-secret",
          t + "/..%2f..%2frepos-secret",
          t + "/pool/..%5c..%5crepos-secret",
          "/repos/../repos-secret",
          "/repos/%2e%2e/repos-secret",
          "/repos/.hidden/x",
          t + "/.lock",
          t + "/dists/" + Fixture.TAG,
          t + "/pool",
          t + "/dists/" + Fixture.TAG + "/%00",
          "/repos/" + Fixture.TAG + "x/dists/" + Fixture.TAG + "/Release"
        }) {
      String response = raw(path);
      assertThat(response).as(path).doesNotContain("SECRET");
      assertThat(response).as(path).matches("(?s)HTTP/1.1 (400|404).*");
    }
  }

  /** A request sent as written, so no client library normalises the path first. */
  private String raw(String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url.resolve(path))
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
