package org.debforge.orchestrator.api;

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
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API on a server in this JVM (port 0), run against each database: {@link H2HttpTest} and
 * {@link PostgresHttpTest} only say how to open a store.
 */
abstract class HttpContract {
  static final long MAX_UPLOAD = 256 * 1024;

  @TempDir Path tmp;
  Orchestrator o;
  OrchestratorServer server;
  URI url;
  String admin;
  String tagger;
  String builder;
  String reader;
  final HttpClient http = HttpClient.newHttpClient();

  abstract Orchestrator open(Path storeDir);

  @BeforeEach
  void start() {
    o = open(tmp.resolve("store"));
    admin = o.createToken("setup", "root-admin", Role.ADMIN).secret();
    tagger = o.createToken("setup", "release-team", Role.TAGGER).secret();
    builder = o.createToken("setup", "jenkins", Role.BUILDER).secret();
    reader = o.createToken("setup", "composer", Role.READER).secret();
    server =
        OrchestratorServer.start(
            o,
            new OrchestratorServer.Options(
                "127.0.0.1", 0, true, MAX_UPLOAD, tmp.resolve("uploads")));
    url = URI.create("http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.close();
    o.close();
  }

  RemoteOrchestrator as(String token) {
    return new RemoteOrchestrator(url, token);
  }

  @Test
  void issueScenarioOverHttp() throws Exception {
    RemoteOrchestrator a = as(admin);
    a.addTag("ignored", "trixie-build", List.of("amd64"));
    a.addTag("ignored", "trixie-updates-candidate", List.of());
    a.addTag("ignored", "trixie-updates", List.of());
    a.addInheritance(
        "ignored", "trixie-updates-candidate", InheritanceLink.of("trixie-updates", 0));
    a.addInheritance("ignored", "trixie-build", InheritanceLink.of("trixie-updates-candidate", 0));
    a.addTarget("ignored", "trixie-candidate", "trixie-build", "trixie-updates-candidate");
    as(tagger).addPackage("ignored", "trixie-updates", "hello", "alice", false);

    Provenance p = new Provenance("ignored", Instant.now(), "https://ci/job/hello/7/", "hello", 7);
    Path v1 = Uploads.changes(tmp.resolve("v1"), "hello", "2.10-2", "all", "one");
    Path v2 = Uploads.resultDir(tmp.resolve("v2"), "hello", "2.10-3", "two");
    var r1 = as(builder).importBuild(v1, p);
    var r2 = as(builder).importBuild(v2, p);
    assertThat(r1.created()).isTrue();
    assertThat(r2.build().files()).extracting(BuildFile::kind).contains("result", "log");
    assertThat(r2.build().provenance().user()).isEqualTo("jenkins");
    assertThat(r2.build().provenance().jenkinsNumber()).isEqualTo(7);
    assertThat(as(builder).importBuild(v1, p).created()).isFalse();

    as(tagger).tagBuild("ignored", "trixie-updates", "hello_2.10-2");
    as(tagger).tagBuild("ignored", "trixie-updates-candidate", "hello_2.10-3");
    RemoteOrchestrator anonymous = as(null);
    List<TaggedBuild> latest =
        anonymous.listTagged("trixie-build", new Tagging.Query(true, true, null, null));
    assertThat(latest).extracting(t -> t.build().nvr()).containsExactly("hello_2.10-3");
    assertThat(latest.get(0).tag()).isEqualTo("trixie-updates-candidate");
    assertThat(anonymous.latestBuild("trixie-build", "hello").build().nvr())
        .isEqualTo("hello_2.10-3");
    assertThat(anonymous.tagInfo("trixie-build").targets()).hasSize(1);

    as(tagger).untagBuild("ignored", "trixie-updates-candidate", "hello_2.10-3");
    assertThat(anonymous.latestBuild("trixie-build", "hello").build().nvr())
        .isEqualTo("hello_2.10-2");

    List<HistoryEvent> history = anonymous.history("trixie-updates-candidate", null);
    assertThat(history)
        .extracting(e -> e.action() + " by " + e.actor())
        .containsSubsequence(
            "add-tag by root-admin", "tag by release-team", "untag by release-team");
    assertThat(anonymous.history(null, "hello_2.10-3"))
        .extracting(HistoryEvent::actor)
        .contains("jenkins");

    // Downloads by hash give back exactly the stored bytes.
    BuildFile deb =
        anonymous.build("hello_2.10-3").files().stream()
            .filter(f -> f.kind().equals("deb"))
            .findFirst()
            .orElseThrow();
    HttpResponse<byte[]> blob =
        http.send(
            HttpRequest.newBuilder(url.resolve("/api/v1/blobs/" + deb.sha256())).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(blob.statusCode()).isEqualTo(200);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob.body())))
        .isEqualTo(deb.sha256());
  }

  @Test
  void lockedTagsNeedAdminAndWritesNeedTheirRole() throws Exception {
    as(admin).addTag("x", "trixie", List.of());
    as(tagger).addPackage("x", "trixie", "hello", "alice", false);
    as(builder).importBuild(Uploads.changes(tmp.resolve("u"), "hello", "1.0-1", "all", "p"), by());
    as(admin).editTag("x", "trixie", null, true);
    assertKind(
        () -> as(tagger).tagBuild("x", "trixie", "hello_1.0-1"), ErrorKind.PERMISSION_DENIED);
    assertKind(
        () -> as(reader).tagBuild("x", "trixie", "hello_1.0-1"), ErrorKind.PERMISSION_DENIED);
    assertKind(() -> as(builder).addTag("x", "other", List.of()), ErrorKind.PERMISSION_DENIED);
    assertKind(() -> as(tagger).importBuild(tmp.resolve("u"), by()), ErrorKind.PERMISSION_DENIED);
    as(admin).editTag("x", "trixie", null, false);
    as(tagger).tagBuild("x", "trixie", "hello_1.0-1");
    assertThat(o.listTagged("trixie", Tagging.Query.all())).hasSize(1);
  }

  @Test
  void anonymousReadsCanBeTurnedOff() {
    server.close();
    server =
        OrchestratorServer.start(
            o, new OrchestratorServer.Options("127.0.0.1", 0, false, MAX_UPLOAD, tmp));
    url = URI.create("http://127.0.0.1:" + server.port());
    assertKind(() -> as(null).listTags(), ErrorKind.UNAUTHENTICATED);
    assertThat(as(reader).listTags()).isEmpty();
  }

  // --- hostile input: each a 4xx problem, and nothing stored -----------------------------------

  @Test
  void badChecksumIs422() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("u"), "hello", "1.0-1", "all", "p");
    Path deb = tmp.resolve("u/hello_1.0-1_all.deb");
    byte[] b = Files.readAllBytes(deb);
    b[b.length - 1] ^= 1;
    Files.write(deb, b);
    assertProblem(upload(builder, changes, deb), 422, "verification-failed");
  }

  @Test
  void debWhoseControlNamesAnotherPackageIs422NamingFileAndField() throws Exception {
    Path deb =
        Uploads.rawDeb(
            tmp.resolve("u/hello_1.0-1_amd64.deb"),
            Uploads.control("openssh-server", "1.0-1", "amd64", "Source: hello\n"),
            "./usr/sbin/sshd",
            "evil");
    Path changes =
        Uploads.changesFor(
            tmp.resolve("u"), "hello_1.0-1_amd64.changes", "hello", "1.0-1", "amd64", List.of(deb));
    JsonNode p = assertProblem(upload(builder, changes, deb), 422, "verification-failed");
    assertThat(p.path("detail").asText())
        .contains("hello_1.0-1_amd64.deb", "field Package 'openssh-server'")
        .doesNotContain(tmp.toString());
  }

  @Test
  void malformedDebIs400AndDotDotEntryIs400() throws Exception {
    Path deb =
        Uploads.rawDeb(
            tmp.resolve("u/hello_1.0-1_amd64.deb"),
            Uploads.control("hello", "1.0-1", "amd64", "") + "\nPackage: second\n",
            "./a",
            "");
    Path changes =
        Uploads.changesFor(
            tmp.resolve("u"), "hello_1.0-1_amd64.changes", "hello", "1.0-1", "amd64", List.of(deb));
    JsonNode p = assertProblem(upload(builder, changes, deb), 400, "invalid-input");
    assertThat(p.path("detail").asText()).contains("hello_1.0-1_amd64.deb", "one paragraph");

    Uploads.rawDeb(deb, Uploads.control("hello", "1.0-1", "amd64", ""), "../../etc/x", "evil");
    Uploads.changesFor(
        tmp.resolve("u"), "hello_1.0-1_amd64.changes", "hello", "1.0-1", "amd64", List.of(deb));
    JsonNode unsafe = assertProblem(upload(builder, changes, deb), 400, "unsafe-input");
    assertThat(unsafe.path("detail").asText()).contains("hello_1.0-1_amd64.deb", "'..'");
  }

  @Test
  void traversalNameInChangesIs400() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("u"), "hello", "1.0-1", "all", "p");
    Files.writeString(
        changes,
        Files.readString(changes).replace(" hello_1.0-1_all.deb", " ../hello_1.0-1_all.deb"));
    JsonNode p = assertProblem(upload(builder, changes), 400, "unsafe-input");
    assertThat(p.path("detail").asText()).contains("../hello_1.0-1_all.deb");
  }

  @Test
  void traversalInUploadedFileNameIs400() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("u"), "hello", "1.0-1", "all", "p");
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put(changes.getFileName().toString(), Files.readAllBytes(changes));
    parts.put("../../etc/evil.deb", new byte[] {1});
    assertProblem(upload(builder, parts), 400, "unsafe-input");
  }

  @Test
  void oversizedUploadIs413() throws Exception {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("hello_1.0-1_all.changes", new byte[(int) MAX_UPLOAD + 1]);
    JsonNode p = assertProblem(upload(builder, parts), 413, "payload-too-large");
    assertThat(p.path("hint").asText()).contains("--max-upload");
  }

  @Test
  void malformedChangesIs400() throws Exception {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("hello_1.0-1_all.changes", "Source hello\nno colon here\n".getBytes());
    assertProblem(upload(builder, parts), 400, "invalid-input");
  }

  @Test
  void unknownTagIs404AndUnknownRouteToo() throws Exception {
    assertProblem(get("/api/v1/tags/no-such-tag", null), 404, "not-found");
    assertProblem(get("/api/v1/no-such-route", null), 404, "not-found");
    assertProblem(get("/api/v1/blobs/..%2F..%2Fetc%2Fpasswd", null), 400, "invalid-input");
    assertProblem(get("/api/v1/blobs/" + "0".repeat(64), null), 404, "not-found");
  }

  @Test
  void missingOrInvalidTokenIs401AndReaderTaggingIs403() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("u"), "hello", "1.0-1", "all", "p");
    Path deb = tmp.resolve("u/hello_1.0-1_all.deb");
    assertProblem(upload(null, changes, deb), 401, "unauthenticated");
    assertProblem(upload("dfo_not-a-token", changes, deb), 401, "unauthenticated");
    assertProblem(get("/api/v1/tags", "dfo_not-a-token"), 401, "unauthenticated");
    as(admin).addTag("x", "trixie", List.of());
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(url.resolve("/api/v1/tags/trixie/builds"))
                .header("Authorization", "Bearer " + reader)
                .POST(HttpRequest.BodyPublishers.ofString("{\"build\": \"hello_1.0-1\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(r, 403, "permission-denied");
  }

  @Test
  void filesDownloadByNameAndTraversalIsRefused() throws Exception {
    Path result = Uploads.resultDir(tmp.resolve("r"), "hello", "2.10-3", "payload");
    as(builder).importBuild(result, by());
    HttpResponse<byte[]> deb =
        http.send(
            HttpRequest.newBuilder(
                    url.resolve("/api/v1/builds/hello_2.10-3/files/hello_2.10-3_amd64.deb"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(deb.statusCode()).isEqualTo(200);
    assertThat(deb.body()).isEqualTo(Files.readAllBytes(result.resolve("hello_2.10-3_amd64.deb")));
    assertThat(get("/api/v1/builds/hello_2.10-3/files/build.log", null).body())
        .startsWith("dpkg-buildpackage");
    for (String hostile :
        List.of(
            "..%2F..%2F..%2Fetc%2Fpasswd",
            "%2e%2e",
            "..",
            "..%5C..%5Cetc%5Cpasswd",
            "hello%00.deb",
            "%252e%252e%252fpasswd",
            "%2Fetc%2Fpasswd")) {
      HttpResponse<String> r = get("/api/v1/builds/hello_2.10-3/files/" + hostile, null);
      assertThat(r.statusCode()).as(hostile + ": " + r.body()).isEqualTo(400);
      assertThat(r.body()).as(hostile).contains("urn:debforge:problem:").doesNotContain("root:");
    }
    HttpResponse<String> missing = get("/api/v1/builds/hello_2.10-3/files/other.deb", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("has no file 'other.deb'");
    assertThat(get("/api/v1/builds/nope_1/files/x.deb", null).statusCode()).isEqualTo(404);
  }

  @Test
  void deleteBuildNeedsAdminAndLeavesTheBlobsToGc() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("u"), "hello", "1.0-1", "all", "p");
    as(builder).importBuild(changes, by());
    as(admin).addTag("x", "trixie", List.of());
    as(tagger).addPackage("x", "trixie", "hello", "alice", false);
    as(tagger).tagBuild("x", "trixie", "hello_1.0-1");
    assertKind(() -> as(tagger).deleteBuild("x", "hello_1.0-1"), ErrorKind.PERMISSION_DENIED);
    var deleted = as(admin).deleteBuild("x", "hello_1.0-1");
    assertThat(deleted.state().name()).isEqualTo("DELETED");
    assertThat(as(null).listTagged("trixie", Tagging.Query.all())).isEmpty();
    assertThat(as(null).history(null, "hello_1.0-1"))
        .extracting(e -> e.action() + " by " + e.actor())
        .containsSubsequence("untag by root-admin", "delete-build by root-admin");
    assertKind(() -> as(admin).deleteBuild("x", "hello_1.0-1"), ErrorKind.CONFLICT);
    assertKind(() -> as(admin).deleteBuild("x", "nope_1"), ErrorKind.NOT_FOUND);
    assertThat(o.gc(java.time.Duration.ZERO).removed()).hasSize(2);
    HttpResponse<String> gone = get("/api/v1/builds/hello_1.0-1/files/hello_1.0-1_all.deb", null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).contains("the build is deleted");
  }

  @Test
  void openApiDocumentsEveryRoute() throws Exception {
    JsonNode doc = JsonViews.MAPPER.readTree(get("/api/v1/openapi.json", null).body());
    TreeSet<String> documented = new TreeSet<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
    assertThat(server.routes()).hasSizeGreaterThan(20);
    assertThat(documented).containsExactlyInAnyOrderElementsOf(server.routes());
  }

  // --- helpers ----------------------------------------------------------------------------------

  static Provenance by() {
    return Provenance.of("ignored", Instant.now());
  }

  void assertNothingStored() {
    assertThat(o.listBuilds()).isEmpty();
    assertThat(o.blobs().list()).isEmpty();
  }

  static void assertKind(Runnable r, ErrorKind kind) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  JsonNode assertProblem(HttpResponse<String> r, int status, String type) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode p = JsonViews.MAPPER.readTree(r.body());
    assertThat(p.path("type").asText()).isEqualTo("urn:debforge:problem:" + type);
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("detail").asText()).isNotEmpty().doesNotContain("Exception", "\tat ");
    assertNothingStored();
    return p;
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> upload(String token, Path... files) throws Exception {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    for (Path f : files) {
      parts.put(f.getFileName().toString(), Files.readAllBytes(f));
    }
    return upload(token, parts);
  }

  HttpResponse<String> upload(String token, Map<String, byte[]> parts) throws Exception {
    String boundary = "test-boundary-1234";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : parts.entrySet()) {
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + e.getKey()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(e.getValue());
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url.resolve("/api/v1/builds"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
