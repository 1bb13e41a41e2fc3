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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, part 1: a build is one source version across architectures (Koji's build). A matrix
 * pipeline imports amd64 then arm64 results of hello 1.0-1; the second joins the first, the {@code
 * all} package once, each architecture's .changes, result.json and logs kept apart.
 */
class MultiArchBuildTest {
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path tmp;
  Orchestrator o;

  @BeforeEach
  void open() {
    Path store = tmp.resolve("store");
    o =
        new Orchestrator(
            new BlobStore(store),
            Database.embedded(store),
            Clock.fixed(T0, ZoneOffset.UTC),
            Checkpoint.NONE);
  }

  @AfterEach
  void close() {
    o.close();
  }

  Path result(String arch, String payload, String allPayload) throws Exception {
    return Uploads.archResult(
        tmp.resolve(arch + "-" + payload + "-" + allPayload),
        "hello",
        "1.0-1",
        arch,
        payload,
        allPayload);
  }

  static Map<String, String> archOfFiles(Build b) {
    return b.files().stream().collect(Collectors.toMap(BuildFile::name, f -> "" + f.arch()));
  }

  @Test
  void secondArchitectureJoinsTheBuildAndAllPackagesOnce() throws Exception {
    Build amd64 = o.importBuild(result("amd64", "a", "doc"), Provenance.of("jenkins", T0)).build();
    assertThat(amd64.parts()).extracting(BuildPart::arch).containsExactly("amd64");
    ImportResult arm = o.importBuild(result("arm64", "b", "doc"), Provenance.of("ci-arm", T0));
    assertThat(arm.created()).isTrue();
    Build b = arm.build();
    assertThat(b.id()).isEqualTo(amd64.id());
    assertThat(b.state()).isEqualTo(BuildState.COMPLETE);
    assertThat(b.architectures()).containsExactly("amd64", "all", "arm64");
    assertThat(b.binaries()).containsExactly("hello", "hello-doc");
    assertThat(b.parts()).extracting(BuildPart::arch).containsExactlyInAnyOrder("amd64", "arm64");
    assertThat(b.part("arm64").orElseThrow().provenance().user()).isEqualTo("ci-arm");
    assertThat(b.part("arm64").orElseThrow().changes()).isEqualTo("hello_1.0-1_arm64.changes");
    assertThat(archOfFiles(b))
        .containsEntry("hello_1.0-1_amd64.deb", "amd64")
        .containsEntry("hello_1.0-1_arm64.deb", "arm64")
        .containsEntry("hello-doc_1.0-1_all.deb", "amd64")
        .containsEntry("hello_1.0-1_amd64.changes", "amd64")
        .containsEntry("hello_1.0-1_arm64.changes", "arm64")
        .containsEntry("build.log", "amd64")
        .containsEntry("build_arm64.log", "arm64")
        .containsEntry("result.json", "amd64")
        .containsEntry("result_arm64.json", "arm64")
        .hasSize(9);
    assertThat(o.blobs().path(file(b, "build_arm64.log").sha256()))
        .hasContent("dpkg-buildpackage: host architecture arm64");
    assertThat(o.history(null, "hello_1.0-1"))
        .extracting(e -> e.detail())
        .anySatisfy(d -> assertThat(d).startsWith("arm64 joins; 4 files"));

    // The same architecture again: identical is a no-op, other content a conflict.
    int events = o.history(null, null).size();
    ImportResult again = o.importBuild(result("arm64", "b", "doc"), Provenance.of("x", T0));
    assertThat(again.created()).isFalse();
    assertThat(o.history(null, null)).hasSize(events);
    int blobs = o.blobs().list().size();
    assertThatThrownBy(() -> o.importBuild(result("arm64", "other", "doc"), Provenance.of("x", T0)))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
        .hasMessageContaining("hello_1.0-1 (arm64) is already imported with other content");
    // A third architecture whose 'all' package differs from the one the build holds.
    assertThatThrownBy(
            () -> o.importBuild(result("riscv64", "c", "other-doc"), Provenance.of("x", T0)))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
        .hasMessageContaining("hello-doc_1.0-1_all.deb is already in build hello_1.0-1");
    assertThat(o.blobs().list()).hasSize(blobs);
    assertThat(o.history(null, null)).hasSize(events);
    // ... and one built binary-only (-B: no 'all' package) joins.
    Build three = o.importBuild(result("riscv64", "c", null), Provenance.of("x", T0)).build();
    assertThat(three.parts()).hasSize(3);

    // list-tagged --arch and publishing see the parts.
    o.addTag("alice", "trixie", List.of("amd64", "arm64"));
    o.addPackage("alice", "trixie", "hello", "alice", false);
    o.tagBuild("alice", "trixie", "hello_1.0-1");
    assertThat(o.listTagged("trixie", new Tagging.Query(false, false, "arm64", null))).hasSize(1);
    // Its 'all' package is for every architecture, so the build is listed for i386 too.
    assertThat(o.listTagged("trixie", new Tagging.Query(false, false, "i386", null))).hasSize(1);
    o.publisher().publish("alice", "trixie", null, null);
    Path dists = o.publisher().repository("trixie").resolve("dists/trixie/main");
    String amd = Files.readString(dists.resolve("binary-amd64/Packages"));
    String armPackages = Files.readString(dists.resolve("binary-arm64/Packages"));
    assertThat(amd)
        .contains("Filename: pool/main/h/hello/hello_1.0-1_amd64.deb")
        .contains("Filename: pool/main/h/hello/hello-doc_1.0-1_all.deb")
        .doesNotContain("arm64.deb");
    assertThat(armPackages)
        .contains("Filename: pool/main/h/hello/hello_1.0-1_arm64.deb")
        .contains("Filename: pool/main/h/hello/hello-doc_1.0-1_all.deb")
        .doesNotContain("amd64.deb");
  }

  @Test
  void aFailedResultDoesNotJoinACompleteBuild() throws Exception {
    o.importBuild(result("amd64", "a", null), Provenance.of("jenkins", T0));
    Path failed = tmp.resolve("failed");
    Files.createDirectories(failed);
    Files.writeString(failed.resolve("build.log"), "error");
    Files.writeString(
        failed.resolve("result.json"),
        "{\"status\": \"failed\", \"source\": {\"name\": \"hello\", \"version\": \"1.0-1\"},"
            + " \"chroot\": {\"architecture\": \"arm64\"}, \"logs\": [\"build.log\"]}");
    assertThatThrownBy(() -> o.importBuild(failed, Provenance.of("x", T0)))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    assertThat(o.build("hello_1.0-1").parts()).hasSize(1);
  }

  @Test
  void overHttpTheSecondArchitectureIs201AndTheBuildShowsItsParts() throws Exception {
    String builder = o.createToken("setup", "jenkins", Role.BUILDER).secret();
    try (OrchestratorServer server =
        OrchestratorServer.start(
            o,
            new OrchestratorServer.Options(
                "127.0.0.1", 0, true, 1 << 20, tmp.resolve("uploads")))) {
      URI url = URI.create("http://127.0.0.1:" + server.port());
      assertThat(upload(url, builder, result("amd64", "a", "doc")).statusCode()).isEqualTo(201);
      HttpResponse<String> arm = upload(url, builder, result("arm64", "b", "doc"));
      assertThat(arm.statusCode()).as(arm.body()).isEqualTo(201);
      assertThat(upload(url, builder, result("arm64", "b", "doc")).statusCode()).isEqualTo(200);
      HttpResponse<String> conflict = upload(url, builder, result("arm64", "c", "doc"));
      assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);

      HttpResponse<String> got =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url.resolve("/api/v1/builds/hello_1.0-1")).build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode b = JsonViews.MAPPER.readTree(got.body());
      assertThat(b.path("parts")).hasSize(2);
      assertThat(b.path("parts").get(1).path("arch").asText()).isEqualTo("arm64");
      assertThat(b.path("parts").get(1).path("changes").asText())
          .isEqualTo("hello_1.0-1_arm64.changes");
      assertThat(b.path("parts").get(1).path("files").toString())
          .contains("hello_1.0-1_arm64.deb", "build_arm64.log")
          .doesNotContain("hello-doc");
      Build back = JsonViews.toBuild(b);
      assertThat(back.parts()).extracting(BuildPart::arch).containsExactly("amd64", "arm64");
      assertThat(archOfFiles(back)).containsEntry("hello_1.0-1_arm64.deb", "arm64");

      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url.resolve("/builds/hello_1.0-1")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.body())
          .contains("id=\"parts\"", "hello_1.0-1_arm64.changes", "build_arm64.log");
    }
  }

  static BuildFile file(Build b, String name) {
    return b.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  static HttpResponse<String> upload(URI url, String token, Path dir) throws Exception {
    String boundary = "multiarch-boundary";
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
            HttpRequest.newBuilder(url.resolve("/api/v1/builds"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
