package org.debforge.cli.pgp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.ClearsignedMessage;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.Keyring;
import org.debforge.core.pgp.Signer;
import org.debforge.core.pgp.SigningKey;
import org.debforge.core.pgp.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debforge pgp}: OpenPGP signing and verification of APT metadata. */
@Command(
    name = "pgp",
    mixinStandardHelpOptions = true,
    description = "Sign and verify clearsigned (InRelease) and detached (Release.gpg) files.",
    subcommands = {
      PgpCommand.Sign.class,
      PgpCommand.Verify.class,
      PgpCommand.Strip.class,
      PgpCommand.GenKey.class
    })
public final class PgpCommand {

  /** The first line of a passphrase file, or null when none is given. */
  public static char[] passphrase(Path file) {
    if (file == null) {
      return null;
    }
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      int nl = s.indexOf('\n');
      return (nl < 0 ? s : s.substring(0, nl)).toCharArray();
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DebforgeException(ErrorKind.NOT_FOUND, file + ": no such file");
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }

  static void write(Path file, byte[] data) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, data);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }

  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = {
        "Sign FILE: clearsigned (like InRelease) by default, or an armored detached",
        "signature (like Release.gpg) with --detached. Writes to --out or stdout."
      })
  static final class Sign implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--key", required = true, description = "Secret key file (armored or binary).")
    Path key;

    @Option(names = "--passphrase-file", description = "First line is the key's passphrase.")
    Path passphraseFile;

    @Option(names = "--detached", description = "Make a detached signature.")
    boolean detached;

    @Option(
        names = {"-o", "--out"},
        description = "Output file (default: stdout).")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      SigningKey k = SigningKey.read(key, passphrase(passphraseFile));
      byte[] data = read(file);
      String result =
          detached
              ? Signer.detachSign(data, k)
              : Signer.clearsign(new String(data, StandardCharsets.UTF_8), k);
      if (out != null) {
        write(out, result.getBytes(StandardCharsets.UTF_8));
      } else {
        spec.commandLine().getOut().print(result);
        spec.commandLine().getOut().flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify a clearsigned FILE, or with --detached SIG a detached signature over FILE,",
        "against the keyrings. Exits 4 on a bad, unknown or expired signature."
      })
  static final class Verify implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(
        names = "--keyring",
        required = true,
        description = "Public keys (binary .gpg or armored .asc); repeatable.")
    List<Path> keyrings;

    @Option(names = "--detached", paramLabel = "SIG", description = "Detached signature file.")
    Path detached;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Verifier v = new Verifier(Keyring.read(keyrings.toArray(Path[]::new)));
      Verifier.Verification r =
          detached == null
              ? v.verifyClearsigned(new String(read(file), StandardCharsets.UTF_8), file.toString())
              : v.verifyDetached(read(file), read(detached), detached.toString());
      var out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("fingerprint", r.fingerprint());
        m.put("userId", r.userId());
        m.put("signed", r.signed().toString());
        JsonOutput.print(out, m);
      } else {
        out.println(file + ": good signature from \"" + r.userId() + "\" key " + r.fingerprint());
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "strip",
      mixinStandardHelpOptions = true,
      description = "Print the signed text of a clearsigned FILE, without verifying it.")
  static final class Strip implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      String text = new String(read(file), StandardCharsets.UTF_8);
      spec.commandLine().getOut().print(ClearsignedMessage.parse(text, file.toString()).text());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "gen-key",
      mixinStandardHelpOptions = true,
      description = {
        "Generate an RSA-3072 signing key. Files ending in .asc are armored, others binary",
        "(a binary public key suits gpgv --keyring and apt's signed-by=)."
      })
  static final class GenKey implements Callable<Integer> {
    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--email", required = true)
    String email;

    @Option(names = "--out-secret", required = true)
    Path outSecret;

    @Option(names = "--out-public", required = true)
    Path outPublic;

    @Option(names = "--passphrase-file", description = "Protect the secret key with this.")
    Path passphraseFile;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      SigningKey k = KeyGenerator.generate(name + " <" + email + ">", passphrase(passphraseFile));
      write(outSecret, k.encodeSecret(outSecret.toString().endsWith(".asc")));
      write(outPublic, k.encodePublic(outPublic.toString().endsWith(".asc")));
      var out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, Map.of("fingerprint", k.fingerprint(), "userId", k.userId()));
      } else {
        out.println(k.fingerprint() + " " + k.userId());
        out.flush();
      }
      return ExitCodes.OK;
    }
  }
}
