package org.debforge.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.Signer;
import org.debforge.core.pgp.SigningKey;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed .changes at import: with a keyring configured, only a .changes clearsigned by a key in it
 * is imported, and the signer's fingerprint is its provenance; everything else is refused with
 * VERIFICATION_FAILED and nothing stored. The signed fixtures are checked with gpgv first, so they
 * are what a Debian tool would accept.
 */
class SignedChangesTest {
  static SigningKey uploader;
  static SigningKey stranger;

  @TempDir Path tmp;
  Orchestrator o;
  Path keyring;

  @BeforeAll
  static void keys() {
    uploader = KeyGenerator.generate("Debforge Uploader <uploader@debforge.invalid>", null);
    stranger = KeyGenerator.generate("Someone Else <else@debforge.invalid>", null);
  }

  @BeforeEach
  void open() throws Exception {
    o = Orchestrator.open(tmp.resolve("store"), null, null, null);
    keyring = tmp.resolve("uploaders.gpg");
    Files.write(keyring, uploader.encodePublic(false));
    o.requireSignedChanges(ChangesSignature.require(List.of(keyring)));
  }

  @AfterEach
  void close() {
    o.close();
  }

  @Test
  void signedByAKeyInTheKeyringIsImportedWithItsSigner() throws Exception {
    Path changes = signed(tmp.resolve("good"), uploader);
    Process gpgv =
        new ProcessBuilder("gpgv", "--keyring", keyring.toString(), changes.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(gpgv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(gpgv.waitFor()).as(said).isZero();

    ImportResult r = o.importBuild(changes, Provenance.of("jenkins", Instant.now()));
    assertThat(r.created()).isTrue();
    assertThat(r.build().provenance().signedBy()).isEqualTo(uploader.fingerprint());
    assertThat(o.build("hello_1.0-1").provenance().signedBy()).isEqualTo(uploader.fingerprint());
    assertThat(said).containsIgnoringCase(uploader.fingerprint().substring(24));
  }

  @Test
  void tamperedUnsignedAndUnknownSignerAreRefusedAndNothingIsStored() throws Exception {
    Path tampered = signed(tmp.resolve("tampered"), uploader);
    Files.writeString(
        tampered, Files.readString(tampered).replace("Distribution: trixie", "Distribution: sid"));
    assertRefused(tampered, "BADSIG");

    Path unsigned = Uploads.changes(tmp.resolve("unsigned"), "hello", "1.0-1", "all", "x");
    assertRefused(unsigned, "not signed");

    assertRefused(signed(tmp.resolve("stranger"), stranger), "NO_PUBKEY");

    // A signature block that is not OpenPGP at all.
    Path garbage = signed(tmp.resolve("garbage"), uploader);
    String text = Files.readString(garbage);
    int sig = text.indexOf("-----BEGIN PGP SIGNATURE-----");
    Files.writeString(
        garbage,
        text.substring(0, sig)
            + "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n"
            + "-----END PGP SIGNATURE-----\n");
    assertRefused(garbage, "");

    assertThat(o.listBuilds()).isEmpty();
    assertThat(o.blobs().list()).isEmpty();
  }

  /** Text around the signed part cannot add to what is imported. */
  @Test
  void unsignedTextAroundTheSignatureIsNotImported() throws Exception {
    Path before = signed(tmp.resolve("before"), uploader);
    Files.writeString(before, "Source: evil\nVersion: 6.6\n\n" + Files.readString(before));
    assertRefused(before, "not signed");

    Path after = signed(tmp.resolve("after"), uploader);
    Files.writeString(
        after, Files.readString(after) + "\nSource: evil\nBinary: evil\nVersion: 6.6\n");
    assertThatThrownBy(() -> o.importBuild(after, Provenance.of("j", Instant.now())))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("text after the signature");
    assertThat(o.listBuilds()).isEmpty();
  }

  @Test
  void withoutAKeyringSignedAndUnsignedAreImportedWithNoSigner() throws Exception {
    o.requireSignedChanges(ChangesSignature.NONE);
    Path changes = signed(tmp.resolve("good"), stranger);
    assertThat(o.importBuild(changes, Provenance.of("j", Instant.now())).build().provenance())
        .extracting(Provenance::signedBy)
        .isNull();
  }

  @Test
  void serverWithAKeyringAnswers422ForUnsignedAndRecordsTheSigner() throws Exception {
    String builder = o.createToken("setup", "jenkins", Role.BUILDER).secret();
    try (OrchestratorServer s =
        OrchestratorServer.start(
            o, new OrchestratorServer.Options("127.0.0.1", 0, true, 1 << 20, tmp.resolve("up")))) {
      URI url = URI.create("http://127.0.0.1:" + s.port());
      RemoteOrchestrator remote = new RemoteOrchestrator(url, builder);
      Path unsigned = Uploads.changes(tmp.resolve("unsigned"), "hello", "1.0-1", "all", "x");
      assertThatThrownBy(() -> remote.importBuild(unsigned, Provenance.of("x", Instant.now())))
          .isInstanceOfSatisfying(
              DebforgeException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED);
                assertThat(e.getMessage()).contains("not signed").doesNotContain(tmp.toString());
              });
      assertThat(o.listBuilds()).isEmpty();

      remote.importBuild(signed(tmp.resolve("good"), uploader), Provenance.of("x", Instant.now()));
      HttpResponse<String> info =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url.resolve("/api/v1/builds/hello_1.0-1")).build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode b = JsonViews.MAPPER.readTree(info.body());
      assertThat(b.path("provenance").path("signed_by").asText()).isEqualTo(uploader.fingerprint());
    }
  }

  void assertRefused(Path changes, String detail) {
    assertThatThrownBy(() -> o.importBuild(changes, Provenance.of("j", Instant.now())))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.VERIFICATION_FAILED);
              assertThat(e.getMessage()).contains(detail);
            });
  }

  /** An upload of hello 1.0-1 whose .changes is clearsigned by {@code key}. */
  static Path signed(Path dir, SigningKey key) throws Exception {
    Path changes = Uploads.changes(dir, "hello", "1.0-1", "all", "x");
    Files.writeString(changes, Signer.clearsign(Files.readString(changes), key));
    return changes;
  }
}
