package org.debforge.debmock.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.Signer;
import org.debforge.core.pgp.SigningKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code dsc_keyring} configured, only a .dsc clearsigned by a key of the keyring is built:
 * unsigned, tampered and foreign-key .dsc files are VERIFICATION_FAILED before any root exists.
 */
class DscSignatureTest {
  static SigningKey trusted;
  static SigningKey stranger;
  @TempDir Path dir;

  @BeforeAll
  static void keys() {
    trusted = KeyGenerator.generate("Trusted Uploader <up@example.org>", null);
    stranger = KeyGenerator.generate("Stranger <x@example.org>", null);
  }

  Path keyring() throws Exception {
    return Files.write(dir.resolve("uploaders.gpg"), trusted.encodePublic(false));
  }

  /** A valid unsigned tiny .dsc (from DscValidatorTest's writer). */
  Path unsigned() throws Exception {
    DscValidatorTest t = new DscValidatorTest();
    t.dir = dir;
    return t.dsc(
        "tiny_1.0.tar.gz",
        DscValidatorTest.tarGz("tiny-1.0/debian/control"),
        "tiny_1.0.tar.gz",
        null);
  }

  Path signedBy(SigningKey key) throws Exception {
    Path dsc = unsigned();
    Files.writeString(dsc, Signer.clearsign(Files.readString(dsc), key));
    return dsc;
  }

  static void assertVerificationFailed(Path dsc, List<Path> keyring, String message) {
    assertThatThrownBy(() -> DscValidator.validate(dsc, keyring))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED))
        .hasMessageContaining(message);
  }

  @Test
  void signedByAKeyInTheKeyringIsAccepted() throws Exception {
    SourcePackage s = DscValidator.validate(signedBy(trusted), List.of(keyring()));
    assertThat(s.name()).isEqualTo("tiny");
    assertThat(s.signer()).isEqualTo(trusted.fingerprint());
  }

  @Test
  void signedByAnUnknownKeyIsRefused() throws Exception {
    assertVerificationFailed(signedBy(stranger), List.of(keyring()), "NO_PUBKEY");
  }

  @Test
  void tamperedSignedDscIsRefused() throws Exception {
    Path dsc = signedBy(trusted);
    Files.writeString(dsc, Files.readString(dsc).replace("Version: 1.0", "Version: 1.1"));
    assertVerificationFailed(dsc, List.of(keyring()), "BADSIG");
  }

  @Test
  void unsignedDscIsRefusedWhenAKeyringIsConfigured() throws Exception {
    assertVerificationFailed(unsigned(), List.of(keyring()), "not signed");
  }

  @Test
  void withoutAKeyringTheSignatureIsNotRequired() throws Exception {
    assertThat(DscValidator.validate(unsigned(), List.of()).signer()).isNull();
    assertThat(DscValidator.validate(signedBy(stranger), List.of()).name()).isEqualTo("tiny");
  }
}
