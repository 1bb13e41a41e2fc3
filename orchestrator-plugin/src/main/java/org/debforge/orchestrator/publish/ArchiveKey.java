package org.debforge.orchestrator.publish;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.Signer;
import org.debforge.core.pgp.SigningKey;

/**
 * The public half of the key a tag's repository is signed with, kept beside it as {@code
 * archive-key.asc} (armored) and {@code archive-key.gpg} (binary, for gpgv): clients need it to
 * trust the repository, and it is served with it. Written on every publish, so it is the key of the
 * live InRelease; an unsigned publish removes it.
 */
final class ArchiveKey {
  static final String ARMORED = "archive-key.asc";
  static final String BINARY = "archive-key.gpg";

  private ArchiveKey() {}

  /** Keeps {@code binary}, the public key, beside the repository; null removes it. */
  static void write(Path repo, byte[] binary) throws IOException {
    if (binary == null) {
      Files.deleteIfExists(repo.resolve(ARMORED));
      Files.deleteIfExists(repo.resolve(BINARY));
      return;
    }
    replace(repo.resolve(BINARY), binary);
    replace(repo.resolve(ARMORED), armor(binary).getBytes(StandardCharsets.US_ASCII));
  }

  /** The armored public key of the repository, or null when there is none. */
  static String read(Path repo) throws IOException {
    Path f = repo.resolve(ARMORED);
    return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.US_ASCII) : null;
  }

  static String armor(byte[] binary) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
      armored.write(binary);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** The binary public key: from the key file, or exported by the gpg that signs. */
  static byte[] publicKey(Signer signer) {
    if (signer instanceof SigningKey k) {
      return k.encodePublic(false);
    }
    // A GpgSigner: the key lives in gpg (GNUPGHOME), which exports its public half.
    String fpr = signer.fingerprint();
    try {
      Process p =
          new ProcessBuilder(List.of("gpg", "--batch", "--export", fpr))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0 || out.length == 0) {
        p.destroyForcibly();
        throw new DebforgeException(
            ErrorKind.TOOL_FAILED,
            "gpg --export " + fpr + " gave no public key",
            "check 'gpg --list-keys " + fpr + "' as the publishing user");
      }
      return out;
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.TOOL_FAILED, "gpg --export " + fpr + ": " + e, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.IO, "interrupted exporting the key", null, e);
    }
  }

  /** Whole file or nothing: a reader never sees half a key. */
  private static void replace(Path file, byte[] data) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".new-" + UUID.randomUUID());
    try {
      Files.write(tmp, data);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
