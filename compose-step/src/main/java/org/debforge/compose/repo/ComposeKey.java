package org.debforge.compose.repo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.Signer;
import org.debforge.core.pgp.SigningKey;

/**
 * The key a compose's repository is signed with, and its public half (written beside the repository
 * as {@code KEY.gpg} for {@code gpgv --keyring} and apt's {@code Signed-By}).
 *
 * <p>Where it comes from (docs/compose.md): a configured key ({@code --signing-key}: a secret key
 * file or a gpg key id), else a key generated once per target folder and kept in {@code
 * TARGET/.debforge/compose-key.asc} (mode 0600), so every compose of a target folder, and so every
 * {@code latest-NAME}, is signed by one key that consumers can trust once.
 */
public record ComposeKey(Signer signer, byte[] publicKey) {
  public static ComposeKey of(SigningKey key) {
    return new ComposeKey(key, key.encodePublic(false));
  }

  /** A secret key file, or a key of the user's gpg by id, fingerprint or email. */
  public static ComposeKey open(String keyFileOrId) {
    Signer s = Signer.open(keyFileOrId, null);
    if (s instanceof SigningKey k) {
      return of(k);
    }
    return new ComposeKey(s, gpgExport(s.fingerprint()));
  }

  /** The target folder's own key, generated on first use. */
  public static ComposeKey forTarget(Path target) {
    Path file = target.resolve(".debforge").resolve("compose-key.asc");
    if (Files.isRegularFile(file)) {
      return of(SigningKey.read(file, null));
    }
    SigningKey k =
        KeyGenerator.generate(
            "tumbi-assembler compose key ("
                + target.toAbsolutePath().getFileName()
                + ")"
                + " <compose@localhost>",
            null);
    try {
      Files.createDirectories(file.getParent());
      Path tmp =
          Files.createTempFile(
              file.getParent(),
              ".key-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, k.encodeSecret(true));
        // Two composes starting at once: the first key renamed in wins; both then sign with it.
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
    return of(SigningKey.read(file, null));
  }

  private static byte[] gpgExport(String fingerprint) {
    try {
      Process p =
          new ProcessBuilder("gpg", "--batch", "--export", fingerprint)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(out);
      }
      if (p.waitFor() != 0 || out.size() == 0) {
        throw new DebforgeException(
            ErrorKind.TOOL_FAILED,
            "gpg --export " + fingerprint + " gave no public key",
            "check 'gpg --list-keys " + fingerprint + "'");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.TOOL_FAILED, "gpg: " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.TOOL_FAILED, "gpg: interrupted", null, e);
    }
  }
}
