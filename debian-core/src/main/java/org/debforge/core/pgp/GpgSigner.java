package org.debforge.core.pgp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Signs through the user's gpg: {@code gpg --batch --local-user KEYID}, so the secret key never
 * leaves gpg-agent or the smartcard holding it (as reprepro's {@code SignWith} and {@code debsign
 * -k}). gpg picks the signing subkey and asks the agent for the passphrase or PIN; in batch mode
 * the agent must have it already (cached, {@code gpg-preset-passphrase}, or a key without one).
 */
public final class GpgSigner implements Signer {
  private static final long TIMEOUT_MINUTES = 2;

  private final String keyId;
  private final Path home;
  private final String fingerprint;

  private GpgSigner(String keyId, Path home, String fingerprint) {
    this.keyId = keyId;
    this.home = home;
    this.fingerprint = fingerprint;
  }

  /**
   * The secret key {@code keyId} of the gpg home {@code home} (null: gpg's own choice, {@code
   * $GNUPGHOME} or {@code ~/.gnupg}). Looks the key up first, so that a wrong id fails before
   * anything is written.
   */
  public static GpgSigner open(String keyId, Path home) {
    String id = keyId.strip();
    Result r = run(home, null, "--with-colons", "--list-secret-keys", "--", id);
    String fpr = null;
    for (String line : r.out().split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length > 9 && f[0].equals("fpr")) {
        fpr = f[9].toUpperCase(Locale.ROOT);
        break; // the primary key's; subkeys follow it
      }
    }
    if (r.exit() != 0 || fpr == null) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "gpg has no secret key '" + id + "'" + (home == null ? "" : " in " + home),
          "list the keys with 'gpg --list-secret-keys'; GNUPGHOME selects another gpg home");
    }
    return new GpgSigner(id, home, fpr);
  }

  @Override
  public String clearsign(String text) {
    return sign(text.getBytes(StandardCharsets.UTF_8), "--clearsign");
  }

  @Override
  public String detachSign(byte[] data) {
    return sign(data, "--detach-sign");
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  private String sign(byte[] data, String mode) {
    Result r =
        run(
            home,
            data,
            "--local-user",
            keyId,
            "--digest-algo",
            SigningKey.HASH_NAME,
            "--armor",
            "--output",
            "-",
            mode);
    if (r.exit() != 0 || r.out().isEmpty()) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "gpg could not sign with '" + keyId + "': " + r.err().strip(),
          "in batch mode gpg-agent must hold the passphrase or PIN already (gpg-preset-passphrase,"
              + " or sign once interactively with 'gpg --local-user "
              + keyId
              + " --clearsign')");
    }
    return r.out();
  }

  private record Result(int exit, String out, String err) {}

  /** Runs gpg with {@code input} on stdin (a file, so that stdout cannot block on it). */
  private static Result run(Path home, byte[] input, String... args) {
    List<String> cmd = new ArrayList<>(List.of("gpg", "--batch", "--no-tty", "--quiet"));
    if (home != null) {
      cmd.addAll(List.of("--homedir", home.toString()));
    }
    cmd.addAll(List.of(args));
    Path in = null;
    Path err = null;
    try {
      in = Files.createTempFile("debforge-gpg-in", "");
      err = Files.createTempFile("debforge-gpg-err", "");
      Files.write(in, input == null ? new byte[0] : input);
      Process p =
          new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectError(err.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new DebforgeException(
            ErrorKind.TOOL_FAILED,
            "gpg did not finish in " + TIMEOUT_MINUTES + " minutes: " + String.join(" ", cmd),
            "is it waiting for a PIN or passphrase?");
      }
      return new Result(
          p.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "cannot run gpg: " + e.getMessage(),
          "install gnupg, or sign with a key file",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.INTERNAL, "interrupted while gpg signed", null, e);
    } finally {
      deleteQuietly(in);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      new File(p.toString()).delete();
    }
  }
}
