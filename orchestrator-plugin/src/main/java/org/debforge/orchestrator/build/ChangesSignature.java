package org.debforge.orchestrator.build;

import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Changes;
import org.debforge.core.control.Deb822;
import org.debforge.core.pgp.ClearsignedMessage;
import org.debforge.core.pgp.Keyring;
import org.debforge.core.pgp.Verifier;

/**
 * Whether imported .changes must be signed, and by whom: with keyrings configured (as dak's
 * keyrings for uploads), a .changes must be clearsigned with a good signature by a key in them; an
 * unsigned one, a bad signature or an unknown key is refused before anything is stored.
 */
public final class ChangesSignature {
  /** No keyring: .changes are imported signed or not, and no signer is recorded. */
  public static final ChangesSignature NONE = new ChangesSignature(null, List.of());

  private final Keyring keyring;
  private final List<Path> files;

  private ChangesSignature(Keyring keyring, List<Path> files) {
    this.keyring = keyring;
    this.files = List.copyOf(files);
  }

  /** Requires signatures by keys in these keyrings (binary .gpg or armored .asc); none: NONE. */
  public static ChangesSignature require(List<Path> keyrings) {
    if (keyrings == null || keyrings.isEmpty()) {
      return NONE;
    }
    return new ChangesSignature(Keyring.read(keyrings.toArray(Path[]::new)), keyrings);
  }

  public boolean required() {
    return keyring != null;
  }

  public List<Path> keyrings() {
    return files;
  }

  /** A .changes as read for import: its fields (the signed text only), and who signed it. */
  public record Checked(Changes changes, String signer) {}

  /**
   * Reads {@code changesFile}; when signatures are required, verifies it and parses only the signed
   * text, so nothing outside the signature can add files or fields.
   */
  public Checked read(Path changesFile) {
    if (keyring == null) {
      return new Checked(Changes.read(changesFile), null);
    }
    String text = Deb822.readText(changesFile);
    if (!ClearsignedMessage.isClearsigned(text)) {
      throw new DebforgeException(
          ErrorKind.VERIFICATION_FAILED,
          changesFile + ": not signed, but this store requires signed .changes",
          "sign it with 'debsign' (or 'gpg --clearsign') using a key in the store's keyrings");
    }
    Verifier.Verification v = new Verifier(keyring).verifyClearsigned(text, changesFile.toString());
    return new Checked(Changes.parse(v.signedText(), changesFile.toString()), v.fingerprint());
  }
}
