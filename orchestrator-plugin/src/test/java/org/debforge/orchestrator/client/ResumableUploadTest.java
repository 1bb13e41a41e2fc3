package org.debforge.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resumable uploads: chunks, a connection cut mid-file and resumed, and every hostile chunk. */
class ResumableUploadTest {
  static final long MAX_UPLOAD = 1 << 20;
  static final long MAX_CHUNK = 64 * 1024;

  @TempDir Path tmp;
  Orchestrator o;
  OrchestratorServer server;
  URI url;
  String builder;
  String other;
  String reader;
  Path upload;
  Path deb;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    o = Orchestrator.open(tmp.resolve("store"), null, null, null);
    builder = o.createToken("setup", "jenkins", Role.BUILDER).secret();
    other = o.createToken("setup", "jenkins-2", Role.BUILDER).secret();
    reader = o.createToken("setup", "composer", Role.READER).secret();
    server =
        OrchestratorServer.start(
            o,
            new OrchestratorServer.Options(
                "127.0.0.1", 0, true, MAX_UPLOAD, o.blobs().uploads(), MAX_CHUNK));
    url = URI.create("http://127.0.0.1:" + server.port());
    // A payload big enough for several chunks, random so it does not compress.
    byte[] noise = new byte[150_000];
    new java.util.Random(6).nextBytes(noise);
    upload =
        Uploads.changes(
            tmp.resolve("up"),
            "hello",
            "1.0-1",
            "all",
            java.util.Base64.getEncoder().encodeToString(noise));
    deb = upload.resolveSibling("hello_1.0-1_all.deb");
  }

  @AfterEach
  void stop() {
    server.close();
    o.close();
  }

  RemoteOrchestrator remote(String token) {
    return new RemoteOrchestrator(url, token);
  }

  @Test
  void chunkedUploadCommitsIntoTheSameImportAsMultipart() throws Exception {
    assertThat(Files.size(deb)).isGreaterThan(2 * MAX_CHUNK);
    Provenance p = new Provenance("x", Instant.now(), "https://ci/job/hello/3/", "hello", 3);
    ImportResult r = remote(builder).importResumable(upload, p, 40_000);
    assertThat(r.created()).isTrue();
    assertThat(r.build().provenance().user()).isEqualTo("jenkins");
    assertThat(r.build().provenance().jenkinsNumber()).isEqualTo(3);
    BuildFile stored =
        r.build().files().stream().filter(f -> f.kind().equals("deb")).findFirst().orElseThrow();
    assertThat(stored.sha256()).isEqualTo(ResumableClient.sha256(deb));
    // Identical content again: 200, a no-op, as with multipart.
    assertThat(remote(builder).importResumable(upload, p, MAX_CHUNK).created()).isFalse();
    // Committed sessions keep no file data.
    try (Stream<Path> left = Files.walk(o.blobs().uploads())) {
      assertThat(left.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
          .allMatch(n -> n.equals("session.json"));
    }
  }

  @Test
  void aConnectionClosedMidFileIsResumedToASuccessfulImport() throws Exception {
    List<Path> files = RemoteOrchestrator.uploadFiles(upload);
    String id = new ResumableClient(remote(builder), MAX_CHUNK).declare(files, by());
    byte[] bytes = Files.readAllBytes(deb);
    int chunk = (int) MAX_CHUNK;
    int sent = chunk / 2;
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("PUT /api/v1/uploads/"
                  + id
                  + "/files/"
                  + deb.getFileName()
                  + " HTTP/1.1\r\n"
                  + "Host: 127.0.0.1\r\nAuthorization: Bearer "
                  + builder
                  + "\r\n"
                  + "Content-Range: bytes 0-"
                  + (chunk - 1)
                  + "/"
                  + bytes.length
                  + "\r\n"
                  + "Content-Length: "
                  + chunk
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, 0, sent);
      out.flush();
    } // closed mid-chunk
    long received = 0;
    for (int i = 0; i < 100 && received != sent; i++) {
      Thread.sleep(50);
      received = file(status(builder, id), deb.getFileName().toString()).path("received").asLong();
    }
    assertThat(received).as("bytes kept of the cut chunk").isEqualTo(sent);
    assertThat(o.listBuilds()).isEmpty();

    ImportResult r = remote(builder).resumeImport(id, upload, MAX_CHUNK);
    assertThat(r.created()).isTrue();
    assertThat(r.build().files()).anyMatch(f -> f.sha256().equals(ResumableClient.sha256(deb)));
  }

  @Test
  void hostileChunksAre4xxAndNothingIsImported() throws Exception {
    List<Path> files = RemoteOrchestrator.uploadFiles(upload);
    String id = new ResumableClient(remote(builder), MAX_CHUNK).declare(files, by());
    String name = deb.getFileName().toString();
    long size = Files.size(deb);
    byte[] ten = new byte[10];
    assertProblem(put(builder, id, name, "bytes 0-9/" + size, ten), 200, null);
    // gap, overlap, out of order
    assertProblem(put(builder, id, name, "bytes 20-29/" + size, ten), 409, "conflict");
    assertProblem(put(builder, id, name, "bytes 5-14/" + size, ten), 409, "conflict");
    assertProblem(put(builder, id, name, "bytes 0-9/" + size, ten), 409, "conflict");
    // total not the declared size, malformed ranges, past the end
    assertProblem(put(builder, id, name, "bytes 10-19/" + (size + 1), ten), 400, "invalid-input");
    for (String bad :
        new String[] {"bytes 10-/5", "bytes=10-19/" + size, "10-19", "bytes 19-10/99"}) {
      assertProblem(put(builder, id, name, bad, ten), 400, "invalid-input");
    }
    assertProblem(
        put(builder, id, name, "bytes " + size + "-" + (size + 9) + "/" + size, ten),
        400,
        "invalid-input");
    // oversized chunk, body longer than its range (with and without Content-Length)
    long over = MAX_CHUNK + 1;
    assertProblem(
        put(builder, id, name, "bytes 10-" + (10 + over - 1) + "/" + size, new byte[(int) over]),
        413,
        "payload-too-large");
    assertProblem(put(builder, id, name, "bytes 10-14/" + size, ten), 400, "invalid-input");
    HttpResponse<String> chunked =
        http.send(
            request(builder, "/api/v1/uploads/" + id + "/files/" + name)
                .header("Content-Range", "bytes 10-14/" + size)
                .PUT(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(ten)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(chunked, 400, "invalid-input");
    assertThat(file(status(builder, id), name).path("received").asLong()).isEqualTo(10);
    // names: undeclared, traversal
    assertProblem(put(builder, id, "other.deb", "bytes 0-9/10", ten), 404, "not-found");
    assertProblem(put(builder, id, "..%2F..%2Fevil", "bytes 0-9/10", ten), 404, "not-found");
    // someone else's upload, a reader, a made-up id
    assertProblem(put(other, id, name, "bytes 10-19/" + size, ten), 404, "not-found");
    assertProblem(put(reader, id, name, "bytes 10-19/" + size, ten), 403, "permission-denied");
    assertProblem(put(builder, "../../etc", name, "bytes 10-19/" + size, ten), 404, "not-found");
    assertProblem(
        put(builder, "0123456789abcdef0123456789abcdeg", name, "bytes 0-9/10", ten),
        400,
        "invalid-input");
    // commit before every byte is there
    assertProblem(commit(builder, id), 409, "conflict");
    assertThat(o.listBuilds()).isEmpty();
  }

  @Test
  void hostileDeclarationsAre4xx() throws Exception {
    String sha = "0".repeat(64);
    String[][] cases = {
      {"{\"files\":[{\"name\":\"../x.changes\",\"size\":1,\"sha256\":\"" + sha + "\"}]}", "400"},
      {"{\"files\":[{\"name\":\"a.changes\",\"size\":-1,\"sha256\":\"" + sha + "\"}]}", "400"},
      {"{\"files\":[{\"name\":\"a.changes\",\"size\":1,\"sha256\":\"xyz\"}]}", "400"},
      {"{\"files\":[{\"name\":\"a.deb\",\"size\":1,\"sha256\":\"" + sha + "\"}]}", "400"},
      {"{\"files\":[]}", "400"},
      {"{\"files\":\"all\"}", "400"},
      {"{\"files\":[{\"name\":\"a.changes\",\"size\":\"1\",\"sha256\":\"" + sha + "\"}]}", "400"},
      {
        "{\"files\":[{\"name\":\"a.changes\",\"size\":"
            + (MAX_UPLOAD + 1)
            + ",\"sha256\":\""
            + sha
            + "\"}]}",
        "413"
      },
      {
        "{\"files\":[{\"name\":\"a.changes\",\"size\":1,\"sha256\":\""
            + sha
            + "\"}],\"jenkins_number\":\"1; rm\"}",
        "400"
      },
    };
    for (String[] c : cases) {
      HttpResponse<String> r =
          http.send(
              request(builder, "/api/v1/uploads")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(c[0]))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(c[0] + " -> " + r.body()).isEqualTo(Integer.parseInt(c[1]));
    }
    if (Files.exists(o.blobs().uploads())) {
      try (Stream<Path> left = Files.list(o.blobs().uploads())) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void wrongContentIs422AndAfterCommitChunksAreRefused() throws Exception {
    List<Path> files = RemoteOrchestrator.uploadFiles(upload);
    String id = new ResumableClient(remote(builder), MAX_CHUNK).declare(files, by());
    String name = deb.getFileName().toString();
    byte[] wrong = Files.readAllBytes(deb);
    wrong[100] ^= 1;
    for (int at = 0; at < wrong.length; at += (int) MAX_CHUNK) {
      int end = Math.min(at + (int) MAX_CHUNK, wrong.length);
      byte[] part = java.util.Arrays.copyOfRange(wrong, at, end);
      assertProblem(
          put(builder, id, name, "bytes " + at + "-" + (end - 1) + "/" + wrong.length, part),
          200,
          null);
    }
    HttpResponse<String> c = commit(builder, id);
    assertProblem(c, 409, "conflict"); // the .changes has not been sent yet
    ImportResult r;
    // Send the rest; the commit then finds the .deb's digest wrong, empties it, and says so.
    String changes = upload.getFileName().toString();
    byte[] cb = Files.readAllBytes(upload);
    assertProblem(put(builder, id, changes, null, cb), 200, null);
    assertProblem(commit(builder, id), 422, "verification-failed");
    assertThat(file(status(builder, id), name).path("received").asLong()).isZero();
    assertThat(o.listBuilds()).isEmpty();
    // Resume with the right bytes, commit, and nothing more is accepted.
    r = remote(builder).resumeImport(id, upload, MAX_CHUNK);
    assertThat(r.created()).isTrue();
    assertProblem(
        put(builder, id, name, "bytes 0-9/" + wrong.length, new byte[10]), 409, "conflict");
    assertProblem(commit(builder, id), 409, "conflict");
  }

  @Test
  void gcCollectsAbandonedSessionsOnlyAfterTheyExpire() throws Exception {
    List<Path> files = RemoteOrchestrator.uploadFiles(upload);
    String fresh = new ResumableClient(remote(builder), MAX_CHUNK).declare(files, by());
    String old = new ResumableClient(remote(builder), MAX_CHUNK).declare(files, by());
    Path oldDir = o.blobs().uploads().resolve("resumable-" + old);
    Files.setLastModifiedTime(oldDir, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
    var report = o.gc(Duration.ZERO);
    assertThat(report.leftovers()).isEqualTo(1);
    assertThat(oldDir).doesNotExist();
    assertThat(status(builder, fresh).path("committed").asBoolean()).isFalse();
    assertProblem(
        http.send(
            request(builder, "/api/v1/uploads/" + old).GET().build(),
            HttpResponse.BodyHandlers.ofString()),
        404,
        "not-found");
    // DELETE abandons at once.
    assertThat(
            http.send(
                    request(builder, "/api/v1/uploads/" + fresh).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(204);
    try (Stream<Path> left = Files.list(o.blobs().uploads())) {
      assertThat(left).isEmpty();
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  static Provenance by() {
    return Provenance.of("x", Instant.now());
  }

  HttpRequest.Builder request(String token, String path) {
    return HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token);
  }

  HttpResponse<String> put(String token, String id, String name, String range, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        request(token, "/api/v1/uploads/" + id + "/files/" + name)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (range != null) {
      b.header("Content-Range", range);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> commit(String token, String id) throws Exception {
    return http.send(
        request(token, "/api/v1/uploads/" + id + "/commit")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode status(String token, String id) throws Exception {
    HttpResponse<String> r =
        http.send(
            request(token, "/api/v1/uploads/" + id).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JsonViews.MAPPER.readTree(r.body());
  }

  static JsonNode file(JsonNode status, String name) {
    for (JsonNode f : status.path("files")) {
      if (f.path("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError(name + " not in " + status);
  }

  static void assertProblem(HttpResponse<String> r, int status, String type) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    if (type != null) {
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      JsonNode p = JsonViews.MAPPER.readTree(r.body());
      assertThat(p.path("type").asText()).isEqualTo("urn:debforge:problem:" + type);
      assertThat(p.path("detail").asText()).doesNotContain("Exception", "/tmp/");
    }
  }
}
