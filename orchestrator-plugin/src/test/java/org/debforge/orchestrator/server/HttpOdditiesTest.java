package org.debforge.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildState;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.json.Problem;
import org.debforge.orchestrator.testing.Uploads;
import org.debforge.orchestrator.upload.TooLarge;
import org.debforge.orchestrator.upload.TooManyUploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: odd requests get clean answers: garbage multipart is 400, problems are UTF-8 and say
 * so, X-HTTP-Method-Override is not honoured, HEAD is authorized as GET and tells the real length,
 * and every problem type the server can answer is documented.
 */
class HttpOdditiesTest {
  @TempDir Path tmp;
  Orchestrator o;
  OrchestratorServer server;
  URI url;
  String admin;
  String builder;
  Build build;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    o = Orchestrator.open(tmp.resolve("store"), null, null, null);
    admin = o.createToken("setup", "root-admin", Role.ADMIN).secret();
    builder = o.createToken("setup", "jenkins", Role.BUILDER).secret();
    Path changes = Uploads.changes(tmp.resolve("in"), "hello", "1.0-1", "all", "payload");
    build =
        o.importBuild(changes, new Provenance("alice", Instant.now(), null, null, null)).build();
    server =
        OrchestratorServer.start(
            o, new OrchestratorServer.Options("127.0.0.1", 0, false, 1 << 20, tmp.resolve("up")));
    url = URI.create("http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.close();
    o.close();
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder r) throws Exception {
    return http.send(r.build(), BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder req(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  @Test
  void garbageMultipartIs400() throws Exception {
    for (String body :
        new String[] {
          "garbage", "--b\r\nno headers end", "--b\r\nContent-Disposition: form-data\r\n\r\nx"
        }) {
      var r =
          send(
              req("/api/v1/builds", builder)
                  .header("Content-Type", "multipart/form-data; boundary=b")
                  .POST(BodyPublishers.ofString(body)));
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(problem(r).path("type").asText())
          .isEqualTo(Problem.typeOf(ErrorKind.INVALID_INPUT));
    }
    var noBoundary =
        send(
            req("/api/v1/builds", builder)
                .header("Content-Type", "multipart/form-data")
                .POST(BodyPublishers.ofString("x")));
    assertThat(noBoundary.statusCode()).isEqualTo(400);
    assertThat(Files.exists(tmp.resolve("up")) ? Files.list(tmp.resolve("up")).toList() : null)
        .satisfiesAnyOf(l -> assertThat(l).isNull(), l -> assertThat(l).isEmpty());
  }

  @Test
  void problemsAreUtf8AndSaySo() throws Exception {
    var r =
        send(
            req("/api/v1/tags", admin)
                .header("Content-Type", "application/json")
                .POST(
                    BodyPublishers.ofString(
                        "{\"name\":\"tëst-ünïcode\"}", StandardCharsets.UTF_8)));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase())
        .isEqualTo("application/problem+json;charset=utf-8");
    String text = strictUtf8(r.body());
    assertThat(text).contains("tëst-ünïcode");
    // Unknown route and an unknown token: the same.
    var notFound = send(req("/api/v1/nö", admin).GET());
    assertThat(notFound.headers().firstValue("Content-Type").orElseThrow())
        .containsIgnoringCase("charset=utf-8");
    strictUtf8(notFound.body());
  }

  @Test
  void methodOverrideIsNotHonoured() throws Exception {
    var r =
        send(
            req("/api/v1/builds/" + build.nvr(), admin)
                .header("X-HTTP-Method-Override", "DELETE")
                .POST(BodyPublishers.noBody()));
    assertThat(r.statusCode()).isBetween(400, 499);
    assertThat(o.build(build.nvr()).state()).isEqualTo(BuildState.COMPLETE);
    var r2 =
        send(
            req("/api/v1/builds/" + build.nvr() + "?_method=DELETE", admin)
                .POST(BodyPublishers.noBody()));
    assertThat(r2.statusCode()).isBetween(400, 499);
    assertThat(o.build(build.nvr()).state()).isEqualTo(BuildState.COMPLETE);
  }

  @Test
  void headIsAuthorizedAsGetAndTellsTheRealLength() throws Exception {
    var file = build.files().get(0);
    String path = "/api/v1/builds/" + build.nvr() + "/files/" + file.name();
    var anonymous = send(req(path, null).method("HEAD", BodyPublishers.noBody()));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    var wrong = send(req(path, "dfo_nope").method("HEAD", BodyPublishers.noBody()));
    assertThat(wrong.statusCode()).isEqualTo(401);
    var head = send(req(path, builder).method("HEAD", BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow())
        .isEqualTo(file.size());
    assertThat(head.body()).isEmpty();
    var get = send(req(path, builder).GET());
    assertThat(get.body()).hasSize((int) file.size());
    var blob =
        send(req("/api/v1/blobs/" + file.sha256(), null).method("HEAD", BodyPublishers.noBody()));
    assertThat(blob.statusCode()).isEqualTo(401);
  }

  @Test
  void everyProblemTypeIsDocumented() throws Exception {
    Set<String> types = new TreeSet<>();
    for (ErrorKind k : ErrorKind.values()) {
      types.add(Problem.of(new DebforgeException(k, "x", null)).type());
    }
    types.add(Problem.of(new TooLarge("x", null)).type());
    types.add(Problem.of(new TooManyUploads("t", 1)).type());
    types.add(Problem.busy(1).type());
    types.add(Problem.internal().type());
    for (int status = 400; status < 500; status++) {
      types.add(Problem.badMessage(status, null).type());
    }
    // And every type named in the source, should one be built by hand.
    Path main = Path.of("src/main/java");
    Pattern literal = Pattern.compile("urn:debforge:problem:[a-z-]+|PREFIX \\+ \"([a-z-]+)\"");
    try (var files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = literal.matcher(Files.readString(f));
        while (m.find()) {
          types.add(m.group(1) != null ? "urn:debforge:problem:" + m.group(1) : m.group());
        }
      }
    }
    String doc = Files.readString(Path.of("../docs/deb-orchestrator.md"));
    assertThat(types).hasSizeGreaterThan(8);
    assertThat(types).allSatisfy(t -> assertThat(doc).contains("`" + t + "`"));
  }

  private static JsonNode problem(HttpResponse<byte[]> r) throws Exception {
    return JsonViews.MAPPER.readTree(r.body());
  }

  private static String strictUtf8(byte[] b) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
  }
}
