package org.debforge.core.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, part 6: signing with a key that stays in gpg (generated there, never exported), by
 * fingerprint, long key id or email; gpgv, as apt runs it, verifies what {@link GpgSigner} makes.
 * And the rule by which {@link Signer#open} tells a key file from a key id.
 */
class GpgSignerTest {
  private static final String TEXT = "Origin: Debforge\nSuite: stable\nDate: today\n";

  @TempDir static Path dir;
  static GpgHome gpg;
  static String fingerprint;
  static Path publicKey;

  @BeforeAll
  static void keyInGpg() throws Exception {
    gpg = new GpgHome(dir);
    var r =
        gpg.gpg(
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--quick-gen-key",
            "Repo Signer <repo@example.org>",
            "ed25519",
            "sign",
            "0");
    assertThat(r.exit()).as(r.err()).isZero();
    r = gpg.gpg("--with-colons", "--list-keys", "repo@example.org");
    fingerprint = r.out().lines().filter(l -> l.startsWith("fpr:")).findFirst().get().split(":")[9];
    publicKey = dir.resolve("repo.gpg");
    r = gpg.gpg("--output", publicKey.toString(), "--export", fingerprint);
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @AfterAll
  static void stopAgent() throws Exception {
    gpg.close();
  }

  @Test
  void clearsignsAndDetachSignsThroughGpgForGpgvToVerify() throws Exception {
    GpgSigner s = GpgSigner.open(fingerprint, gpg.home);
    assertThat(s.fingerprint()).isEqualTo(fingerprint.toUpperCase(Locale.ROOT));

    String signed = s.clearsign(TEXT);
    assertThat(signed).startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n");
    Path inRelease = Files.writeString(dir.resolve("InRelease"), signed);
    var v = GpgHome.gpgv(publicKey, inRelease);
    assertThat(v.exit()).as(v.err()).isZero();
    assertThat(ClearsignedMessage.parse(signed, "InRelease").text()).isEqualTo(TEXT);

    byte[] data = TEXT.getBytes(StandardCharsets.UTF_8);
    Path release = Files.write(dir.resolve("Release"), data);
    Path sig = Files.writeString(dir.resolve("Release.gpg"), s.detachSign(data));
    v = GpgHome.gpgv(publicKey, sig, release);
    assertThat(v.exit()).as(v.err()).isZero();
  }

  @Test
  void findsTheKeyByLongIdOrEmailAndRefusesAnUnknownOne() {
    String longId = "0x" + fingerprint.substring(24);
    assertThat(GpgSigner.open(longId, gpg.home).fingerprint()).isEqualToIgnoringCase(fingerprint);
    assertThat(GpgSigner.open("repo@example.org", gpg.home).fingerprint())
        .isEqualToIgnoringCase(fingerprint);
    assertThatThrownBy(() -> GpgSigner.open("0xDEADBEEFDEADBEEF", gpg.home))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("no secret key");
  }

  @Test
  void aNameIsAKeyFileWhenTheFileExistsElseAKeyIdWhenItLooksLikeOne() throws Exception {
    for (String id :
        new String[] {
          "A8896FE8",
          "0x4F3F4AFCA8896FE8",
          "2A20A664A4FB0089B2EEA0F84F3F4AFCA8896FE8",
          "2a20a664a4fb0089b2eea0f84f3f4afca8896fe8!",
          "archive@example.org",
          "<archive@example.org>"
        }) {
      assertThat(Signer.isKeyId(id)).as(id).isTrue();
    }
    for (String file :
        new String[] {"key.asc", "/srv/keys/archive.asc", "ABCDEF", "0x12345", "./A8896FE8"}) {
      assertThat(Signer.isKeyId(file)).as(file).isFalse();
    }
    assertThatThrownBy(() -> Signer.open(dir.resolve("missing.asc").toString(), null))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("neither a file nor a key id");

    SigningKey generated = KeyGenerator.generate("File Key <file@example.org>", null);
    Path named = Files.write(dir.resolve("A8896FE8"), generated.encodeSecret(true));
    assertThat(Signer.open(named.toString(), null)).isInstanceOf(SigningKey.class);
  }
}
