package org.debforge.orchestrator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a tag's published repository is, locally and through a server, checked by the real
 * consumers: gpgv verifies the InRelease it points at with the key it hands out, apt reads it.
 */
class PublishedRepositoriesTest {
  @TempDir Path tmp;
  Orchestrator o;

  @BeforeEach
  void publishSignedWithASnapshot() throws IOException {
    o = Fixture.withBuilds(tmp);
    o.publisher().configure("alice", Fixture.TAG, Fixture.settings(Fixture.key(tmp.resolve("k"))));
    o.publisher().publish("alice", Fixture.TAG, "s1", null);
  }

  @AfterEach
  void close() {
    o.close();
  }

  @Test
  void theLiveSuiteVerifiesWithTheKeyHandedOut() throws Exception {
    PublishedRepository r = o.publishedRepository(Fixture.TAG, null);
    assertThat(r.base().getScheme()).isEqualTo("file");
    assertThat(r.base().toString()).endsWith("/repos/" + Fixture.TAG + "/");
    assertThat(r.suite()).isEqualTo(Fixture.TAG);
    assertThat(r.components()).containsExactly("main", "contrib");
    assertThat(r.architectures()).containsExactly("amd64", "arm64");
    assertThat(r.armoredKey()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
    // The key is the one configured: its public half as the fixture wrote it.
    Path keyring = r.writeKeyring(tmp.resolve("keyring.gpg"));
    assertThat(Files.readAllBytes(keyring)).isEqualTo(Files.readAllBytes(tmp.resolve("k/key.gpg")));
    Path inRelease = Path.of(r.base()).resolve("dists").resolve(r.suite()).resolve("InRelease");
    assertThat(gpgv(keyring, inRelease)).isZero();
  }

  @Test
  void aSnapshotIsFoundAndAptReadsIt() throws Exception {
    // The live suite moves on; the snapshot keeps what it had.
    Fixture.add(o, tmp, "later", "1.0-1", "amd64");
    o.publisher().publish("alice", Fixture.TAG, null, null);

    PublishedRepository r = o.publishedRepository(Fixture.TAG, "s1");
    assertThat(r.snapshot()).isEqualTo("s1");
    assertThat(r.suite()).isEqualTo(Fixture.TAG + "/snapshots/s1");
    Path keyring = r.writeKeyring(tmp.resolve("keyring.gpg"));
    Path base = Path.of(r.base());
    assertThat(gpgv(keyring, base.resolve("dists/" + r.suite() + "/InRelease"))).isZero();
    assumeThat(HostApt.available()).isTrue();
    HostApt apt = new HostApt(tmp.resolve("apt"), keyring, base, r.suite(), "main contrib");
    HostApt.Run update = apt.update(true);
    assertThat(update.code()).as(update.output()).isZero();
    assertThat(update.output()).doesNotContain("E:");
    assertThat(apt.show("hello").output()).contains("Version: 1.0-1");
    assertThat(apt.show("later").code()).isNotZero(); // published after the snapshot
  }

  @Test
  void throughAServerTheRepositoryAndItsSnapshotAreServed() throws Exception {
    String reader = o.createToken("setup", "reader", Role.READER).secret();
    try (OrchestratorServer server =
            OrchestratorServer.start(
                o,
                new OrchestratorServer.Options("127.0.0.1", 0, false, 1 << 20, tmp.resolve("up")));
        RemoteOrchestrator remote =
            new RemoteOrchestrator(URI.create("http://127.0.0.1:" + server.port()), reader)) {
      PublishedRepository r = remote.publishedRepository(Fixture.TAG, "s1");
      assertThat(r.base().toString())
          .isEqualTo("http://127.0.0.1:" + server.port() + "/repos/" + Fixture.TAG + "/");
      assertThat(r.suite()).isEqualTo(Fixture.TAG + "/snapshots/s1");
      Path keyring = r.writeKeyring(tmp.resolve("keyring.gpg"));
      HttpResponse<byte[]> got =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(r.base().resolve("dists/" + r.suite() + "/InRelease"))
                      .header("Authorization", "Bearer " + reader)
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(got.statusCode()).isEqualTo(200);
      Path fetched = Files.write(tmp.resolve("InRelease"), got.body());
      assertThat(gpgv(keyring, fetched)).isZero();
      // The key is also served beside the repository, for apt users.
      HttpResponse<String> key =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(r.base().resolve("archive-key.asc"))
                      .header("Authorization", "Bearer " + reader)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(key.body()).isEqualTo(r.armoredKey());

      assertThatThrownBy(() -> remote.publishedRepository(Fixture.TAG, "nope"))
          .isInstanceOfSatisfying(
              DebforgeException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                assertThat(e.getMessage()).contains("nope");
              });
    }
  }

  @Test
  void unknownTagNeverPublishedAndUnknownSnapshotAreNotFoundNamingThem() {
    o.addTag("alice", "quiet", List.of("amd64"));
    for (String[] c :
        new String[][] {{"no-such-tag", null}, {"quiet", null}, {Fixture.TAG, "s9"}}) {
      assertThatThrownBy(() -> o.publishedRepository(c[0], c[1]))
          .isInstanceOfSatisfying(
              DebforgeException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                assertThat(e.getMessage()).contains(c[1] == null ? c[0] : c[1]);
              });
    }
    assertThatThrownBy(() -> o.publishedRepository(Fixture.TAG, "../s1"))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @Test
  void anUnsignedTagHasNoKey() throws Exception {
    o.publisher().configure("alice", Fixture.TAG, Fixture.settings(null));
    o.publisher().publish("alice", Fixture.TAG, null, null);
    PublishedRepository r = o.publishedRepository(Fixture.TAG, null);
    assertThat(r.armoredKey()).isNull();
    assertThatThrownBy(() -> r.writeKeyring(tmp.resolve("k.gpg")))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED));
  }

  private static int gpgv(Path keyring, Path signed) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "gpgv", "--keyring", keyring.toAbsolutePath().toString(), signed.toString())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    if (p.exitValue() != 0) {
      System.err.println(out);
    }
    return p.exitValue();
  }
}
