package org.debforge.debmock.plugins.sign;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.SigningKey;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.LogFile;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * {@code sign}: after a successful build, clearsigns the .buildinfo (and .dsc) and the .changes in
 * the result directory as {@code debsign} does, with deb-mock's own OpenPGP code, so gpgv,
 * dscverify and dput accept them. The key is checked before the build starts ({@code preinit}), so
 * a wrong passphrase never costs a build.
 */
@AutoService(DebMockPlugin.class)
public final class SignPlugin implements DebMockPlugin<SignPlugin.Options> {
  public static final String NAME = "sign";

  /**
   * @param keyFile a secret key (or several) as {@code gpg --export-secret-keys} writes it, binary
   *     or armored
   * @param keyId which key of {@code keyFile} (fingerprint or long key id); empty: the only one
   * @param passphraseFile a file holding the key's passphrase; empty: the key is unprotected
   */
  public record Options(
      @Doc("Secret key file (gpg --export-secret-keys)") String keyFile,
      @Doc("Fingerprint or key id, if key_file has several") String keyId,
      @Doc("File holding the key's passphrase") String passphraseFile) {
    public static final Options DEFAULTS = new Options("", "", "");

    public Options {
      if (keyFile == null || keyId == null || passphraseFile == null) {
        throw new IllegalArgumentException("key_file, key_id and passphrase_file are strings");
      }
      if (!keyId.isEmpty() && !keyId.matches("(0[xX])?[0-9A-Fa-f ]{8,}")) {
        throw new IllegalArgumentException("key_id must be a fingerprint or key id: " + keyId);
      }
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Sign the .changes and .buildinfo after a successful build (as debsign)";
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public Options defaultOptions() {
    return Options.DEFAULTS;
  }

  @Override
  public void register(HookRegistrar hooks, Options o) {
    hooks.on(
        HookStage.PREINIT,
        c -> {
          if ("rebuild".equals(c.operation())) {
            key(o);
          }
        });
    // After the results are collected: the files to sign are in the result directory then.
    hooks.on(HookStage.POSTUMOUNT, c -> sign(c, o));
  }

  private static SigningKey key(Options o) {
    if (o.keyFile().isEmpty()) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "sign: no key_file",
          "--plugin-option sign:key_file=PATH (a 'gpg --export-secret-keys' file)");
    }
    return ChangesSigner.readKey(o);
  }

  private static void sign(HookContext c, Options o) {
    if (!"rebuild".equals(c.operation()) || !"succeeded".equals(c.result().get("status"))) {
      return;
    }
    SigningKey key = key(o);
    StringBuilder log = new StringBuilder();
    try (var files = Files.list(c.resultDir())) {
      for (Path changes : files.filter(f -> f.toString().endsWith(".changes")).sorted().toList()) {
        for (Path f : new ChangesSigner(key).sign(changes)) {
          log.append("signed ")
              .append(f.getFileName())
              .append(" with ")
              .append(key.fingerprint())
              .append('\n');
        }
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "sign: cannot sign in " + c.resultDir() + ": " + e.getMessage(), null, e);
    }
    LogFile.write(c, "sign.log", log.toString());
  }
}
