package org.debforge.core.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgpTest {
  static final String TEXT =
      "Origin: Test\nSuite: stable\n-- a line starting with dashes\nFrom here  \t\n\nlast\n";

  @TempDir static Path dir;
  static SigningKey ours;
  static Path ourPublic;
  static GpgHome gpg;
  static Path gpgSecret;
  static Path gpgPublic;

  @BeforeAll
  static void keys() throws Exception {
    ours = KeyGenerator.generate("Test Archive <archive@example.org>", null);
    ourPublic = dir.resolve("ours.gpg");
    Files.write(ourPublic, ours.encodePublic(false));
    gpg = new GpgHome(dir);
    var r =
        gpg.gpg(
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "s3cret",
            "--quick-gen-key",
            "Gpg Signer <gpg@example.org>",
            "rsa3072",
            "sign",
            "0");
    assertThat(r.exit()).as(r.err()).isZero();
    gpgSecret = dir.resolve("gpg-secret.asc");
    r =
        gpg.gpg(
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "s3cret",
            "--armor",
            "--export-secret-keys",
            "gpg@example.org");
    assertThat(r.exit()).as(r.err()).isZero();
    Files.writeString(gpgSecret, r.out());
    r = gpg.gpg("--armor", "--export", "gpg@example.org");
    gpgPublic = dir.resolve("gpg-public.asc");
    Files.writeString(gpgPublic, r.out());
  }

  @AfterAll
  static void stopAgent() throws Exception {
    gpg.close();
  }

  @Test
  void ourClearsignedVerifiesWithOursAndGpgv() throws Exception {
    String signed = Signer.clearsign(TEXT, ours);
    assertThat(signed).startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n");
    assertThat(signed).contains("\n- -- a line starting with dashes\n");
    assertThat(signed).doesNotContain("Version:");
    Path f = dir.resolve("InRelease");
    Files.writeString(f, signed);
    var r = GpgHome.gpgv(ourPublic, f);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("Good signature from \"Test Archive <archive@example.org>\"");

    var v = new Verifier(Keyring.read(ourPublic)).verifyClearsigned(signed, "InRelease");
    assertThat(v.fingerprint()).isEqualTo(ours.fingerprint());
    assertThat(v.userId()).isEqualTo("Test Archive <archive@example.org>");
    assertThat(v.signedText())
        .isEqualTo(
            "Origin: Test\nSuite: stable\n-- a line starting with dashes\nFrom here\n\nlast\n");
  }

  @Test
  void ourDetachedVerifiesWithGpgv() throws Exception {
    byte[] data = TEXT.getBytes(StandardCharsets.UTF_8);
    Path release = Files.write(dir.resolve("Release"), data);
    Path sig = dir.resolve("Release.gpg");
    Files.writeString(sig, Signer.detachSign(data, ours));
    var r = GpgHome.gpgv(ourPublic, sig, release);
    assertThat(r.exit()).as(r.err()).isZero();
    var v =
        new Verifier(Keyring.read(ourPublic))
            .verifyDetached(data, Files.readAllBytes(sig), "Release.gpg");
    assertThat(v.fingerprint()).isEqualTo(ours.fingerprint());
    byte[] changed = TEXT.replace("stable", "stabel").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                new Verifier(Keyring.read(ourPublic))
                    .verifyDetached(changed, Files.readAllBytes(sig), "Release.gpg"))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("BADSIG")
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.VERIFICATION_FAILED);
  }

  @Test
  void gpgClearsignedAndDetachedVerifyWithOurs() throws Exception {
    Path in = Files.writeString(dir.resolve("msg"), TEXT);
    var r =
        gpg.gpg(
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "s3cret",
            "--yes",
            "--digest-algo",
            "SHA256",
            "--output",
            dir.resolve("msg.asc").toString(),
            "--clearsign",
            in.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    r =
        gpg.gpg(
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "s3cret",
            "--yes",
            "--armor",
            "--output",
            dir.resolve("msg.sig").toString(),
            "--detach-sign",
            in.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    Keyring keyring = Keyring.read(gpgPublic);
    var v =
        new Verifier(keyring)
            .verifyClearsigned(Files.readString(dir.resolve("msg.asc")), "msg.asc");
    assertThat(v.userId()).isEqualTo("Gpg Signer <gpg@example.org>");
    assertThat(v.signedText()).contains("-- a line starting with dashes\n");
    new Verifier(keyring)
        .verifyDetached(
            Files.readAllBytes(in), Files.readAllBytes(dir.resolve("msg.sig")), "msg.sig");
  }

  @Test
  void gpgProtectedSecretKeySignsForGpgv() throws Exception {
    assertThatThrownBy(() -> SigningKey.read(gpgSecret, null))
        .hasMessageContaining("protected by a passphrase");
    assertThatThrownBy(() -> SigningKey.read(gpgSecret, "wrong".toCharArray()))
        .hasMessageContaining("cannot unlock");
    SigningKey key = SigningKey.read(gpgSecret, "s3cret".toCharArray());
    Path f = Files.writeString(dir.resolve("signed-by-gpg-key"), Signer.clearsign(TEXT, key));
    Path ring = dir.resolve("gpg-public.gpg");
    Files.write(ring, Keyring.read(gpgPublic).encoded());
    var r = GpgHome.gpgv(ring, f);
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void generatedProtectedKeyRoundTrips() throws Exception {
    SigningKey k = KeyGenerator.generate("P <p@example.org>", "pw".toCharArray());
    Path sec = Files.write(dir.resolve("p.asc"), k.encodeSecret(true));
    assertThat(Files.readString(sec)).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    SigningKey back = SigningKey.read(sec, "pw".toCharArray());
    assertThat(back.fingerprint()).isEqualTo(k.fingerprint());
    var r =
        gpg.gpg("--pinentry-mode", "loopback", "--passphrase", "pw", "--import", sec.toString());
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void realDebianInReleaseVerifiesAgainstTheArchiveKeyring() throws Exception {
    String inRelease = fixture("bookworm-updates_InRelease");
    Keyring debian = Keyring.read(Path.of("/usr/share/keyrings/debian-archive-keyring.gpg"));
    var v = new Verifier(debian).verifyClearsigned(inRelease, "InRelease");
    assertThat(v.userId()).contains("Debian Archive Automatic Signing Key");
    assertThat(v.signedText())
        .startsWith("Origin: Debian\n")
        .contains("Codename: bookworm-updates\n");

    String tampered = inRelease.replace("Codename: bookworm-updates", "Codename: bookworm-updatez");
    assertThatThrownBy(() -> new Verifier(debian).verifyClearsigned(tampered, "InRelease"))
        .hasMessageContaining("BADSIG");
    String cut = inRelease.substring(0, inRelease.indexOf("-----END PGP SIGNATURE-----") - 40);
    assertThatThrownBy(() -> new Verifier(debian).verifyClearsigned(cut, "InRelease"))
        .hasMessageContaining("truncated");
    String noSig = inRelease.substring(0, inRelease.indexOf("-----BEGIN PGP SIGNATURE-----"));
    assertThatThrownBy(() -> new Verifier(debian).verifyClearsigned(noSig, "InRelease"))
        .hasMessageContaining("truncated");
    String prefixed = "Origin: Evil\n\n" + inRelease;
    assertThatThrownBy(() -> new Verifier(debian).verifyClearsigned(prefixed, "InRelease"))
        .hasMessageContaining("must start with");
    String appended = inRelease + "Origin: Evil\n";
    assertThatThrownBy(() -> new Verifier(debian).verifyClearsigned(appended, "InRelease"))
        .hasMessageContaining("after the signature");
    assertThatThrownBy(
            () -> new Verifier(Keyring.read(ourPublic)).verifyClearsigned(inRelease, "InRelease"))
        .hasMessageContaining("NO_PUBKEY")
        .extracting(e -> ((DebforgeException) e).hint().orElse(""))
        .asString()
        .contains("--keyring");
  }

  @Test
  void wrongKeyAndExpiredKeyFail() throws Exception {
    String signed = Signer.clearsign(TEXT, ours);
    assertThatThrownBy(() -> new Verifier(Keyring.read(gpgPublic)).verifyClearsigned(signed, "x"))
        .hasMessageContaining("NO_PUBKEY " + ours.fingerprint().substring(24));
    // The Debian keyring holds keys with an expiry date; judged 30 years on they are expired.
    String inRelease = fixture("bookworm-updates_InRelease");
    Keyring debian = Keyring.read(Path.of("/usr/share/keyrings/debian-archive-keyring.gpg"));
    assertThatThrownBy(
            () ->
                new Verifier(
                        debian, java.time.Instant.now().plus(java.time.Duration.ofDays(30 * 366)))
                    .verifyClearsigned(inRelease, "InRelease"))
        .hasMessageContaining("EXPKEYSIG");
  }

  @Test
  void malformedKeyFilesAreFormatErrors() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.gpg"), "not a key\n");
    assertThatThrownBy(() -> Keyring.read(junk)).hasMessageContaining("junk.gpg");
    assertThatThrownBy(() -> Keyring.read(gpgSecret)).hasMessageContaining("secret key");
    assertThatThrownBy(() -> SigningKey.read(ourPublic, null))
        .hasMessageContaining("no secret key");
    assertThatThrownBy(() -> Keyring.read(dir.resolve("missing.gpg")))
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void dashEscapedLinesMustBeEscaped() {
    String signed = Signer.clearsign(TEXT, ours);
    String unescaped = signed.replace("\n- -- a line", "\n-- a line");
    assertThatThrownBy(() -> ClearsignedMessage.parse(unescaped, "m"))
        .hasMessageContaining("dash-escaped");
  }

  static String fixture(String name) throws Exception {
    try (var in = PgpTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
