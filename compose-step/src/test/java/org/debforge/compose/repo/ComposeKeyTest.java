package org.debforge.compose.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.Keyring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeKeyTest {
  @TempDir Path tmp;

  @Test
  void theTargetsKeyIsMadeOnceAndKeptPrivate() throws Exception {
    ComposeKey first = ComposeKey.forTarget(tmp);
    Path file = tmp.resolve(".debforge/compose-key.asc");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    ComposeKey again = ComposeKey.forTarget(tmp);
    assertThat(again.signer().fingerprint()).isEqualTo(first.signer().fingerprint());
    assertThat(Keyring.parse(first.publicKey(), "KEY.gpg").rings()).hasSize(1);
    // A configured key file is used as it is.
    assertThat(ComposeKey.open(file.toString()).signer().fingerprint())
        .isEqualTo(first.signer().fingerprint());
  }

  @Test
  void aKeyThatIsNeitherFileNorIdIsAConfigError() {
    assertThatThrownBy(() -> ComposeKey.open(tmp.resolve("missing.asc").toString()))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
  }
}
