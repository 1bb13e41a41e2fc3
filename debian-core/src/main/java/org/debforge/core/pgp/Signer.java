package org.debforge.core.pgp;

import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Makes the two signatures an APT repository carries: the clearsigned {@code InRelease} and the
 * detached armored {@code Release.gpg}. Two kinds: a {@link SigningKey} read from a secret key file
 * (BouncyCastle, in process), and a {@link GpgSigner} that asks {@code gpg --local-user} to sign,
 * so keys kept in gpg-agent or on a smartcard work (as reprepro's {@code SignWith} and {@code
 * debsign -k}).
 */
public interface Signer {
  /** The text as an OpenPGP cleartext signed message. */
  String clearsign(String text);

  /** An armored detached signature over the exact bytes. */
  String detachSign(byte[] data);

  /** The fingerprint of the primary key (hex, upper case), for reports. */
  String fingerprint();

  /**
   * The signer {@code keyFileOrId} names. The rule: a name that is an existing file is a secret key
   * file (read with {@code passphrase}); otherwise a name that {@link #isKeyId looks like a key id}
   * is a key of the user's gpg (its {@code GNUPGHOME}); anything else is a key file that does not
   * exist (an error).
   */
  static Signer open(String keyFileOrId, char[] passphrase) {
    Path file = Path.of(keyFileOrId);
    if (Files.isRegularFile(file) || !isKeyId(keyFileOrId)) {
      if (!Files.isRegularFile(file)) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "signing key '" + keyFileOrId + "' is neither a file nor a key id",
            "name a secret key file ('gpg --export-secret-keys KEYID > FILE'), or a key in gpg by"
                + " fingerprint, long key id (0x...) or email");
      }
      return SigningKey.read(file, passphrase);
    }
    return GpgSigner.open(keyFileOrId, null);
  }

  /**
   * Whether {@code name} looks like what {@code gpg --local-user} takes: a key id or fingerprint in
   * hex (8, 16 or 40 digits, optionally {@code 0x} before them or {@code !} after), or an email
   * address (optionally in angle brackets). A file name of that shape still counts as a file when
   * it exists.
   */
  static boolean isKeyId(String name) {
    return name.matches("(0[xX])?([0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40})!?")
        || name.matches("<?[^\\s<>/@]+@[^\\s<>/@]+\\.[^\\s<>/@]+>?");
  }

  /** Clearsigns with a key read from a file (kept for callers that hold a {@link SigningKey}). */
  static String clearsign(String text, SigningKey key) {
    return key.clearsign(text);
  }

  /** Detach-signs with a key read from a file. */
  static String detachSign(byte[] data, SigningKey key) {
    return key.detachSign(data);
  }
}
