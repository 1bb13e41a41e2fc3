package org.debforge.debmock.plugins.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed upload files are checked by the real consumers: gpgv verifies the .changes and the
 * .buildinfo with the public key, and dscverify (devscripts) verifies the .changes' signature and
 * then every checksum it lists, which only passes when the .buildinfo's changed checksums were
 * written back into the .changes as debsign does.
 */
class ChangesSignerTest {
  @TempDir Path dir;

  /** RSA 3072 generation takes seconds on a loaded machine: two keys for the whole class. */
  static final SigningKey A = KeyGenerator.generate("deb-mock test <test@example.org>", null);

  static final SigningKey B = KeyGenerator.generate("b <b@example.org>", null);

  static String hex(String alg, byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
  }

  static String line(String alg, byte[] b, String rest) throws Exception {
    return " " + hex(alg, b) + " " + b.length + " " + rest + "\n";
  }

  /** A .changes as dpkg-genchanges writes it, for a .deb and a .buildinfo. */
  Path upload() throws Exception {
    byte[] deb = "!<arch>\nnot really a deb, dscverify only checks sums\n".getBytes();
    byte[] buildinfo =
        ("Format: 1.0\nSource: dmtiny\nBinary: dmtiny\nArchitecture: all\nVersion: 1.0\n"
                + "Build-Origin: Debian\nBuild-Architecture: amd64\n")
            .getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("dmtiny_1.0_all.deb"), deb);
    Files.write(dir.resolve("dmtiny_1.0_amd64.buildinfo"), buildinfo);
    String changes =
        "Format: 1.8\nDate: Thu, 01 Feb 2024 12:00:00 +0000\nSource: dmtiny\nBinary: dmtiny\n"
            + "Architecture: all\nVersion: 1.0\nDistribution: unstable\nUrgency: medium\n"
            + "Maintainer: Test <test@example.org>\nChanged-By: Test <test@example.org>\n"
            + "Description:\n dmtiny - test\nChanges:\n dmtiny (1.0) unstable; urgency=medium\n .\n"
            + "   * Initial.\nChecksums-Sha1:\n"
            + line("SHA-1", deb, "dmtiny_1.0_all.deb")
            + line("SHA-1", buildinfo, "dmtiny_1.0_amd64.buildinfo")
            + "Checksums-Sha256:\n"
            + line("SHA-256", deb, "dmtiny_1.0_all.deb")
            + line("SHA-256", buildinfo, "dmtiny_1.0_amd64.buildinfo")
            + "Files:\n"
            + line("MD5", deb, "misc optional dmtiny_1.0_all.deb")
            + line("MD5", buildinfo, "misc optional dmtiny_1.0_amd64.buildinfo");
    Path f = dir.resolve("dmtiny_1.0_amd64.changes");
    Files.writeString(f, changes);
    return f;
  }

  static int run(Path cwd, List<String> cmd, StringBuilder out) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    out.append(new String(p.getInputStream().readAllBytes()));
    return p.waitFor();
  }

  @Test
  void gpgvAndDscverifyAcceptTheSignedUpload() throws Exception {
    SigningKey key = A;
    Path keyring = dir.resolve("pub.gpg");
    Files.write(keyring, key.encodePublic(false));
    Path changes = upload();
    List<Path> signed = new ChangesSigner(key).sign(changes);
    assertThat(signed)
        .extracting(p -> p.getFileName().toString())
        .containsExactly("dmtiny_1.0_amd64.buildinfo", "dmtiny_1.0_amd64.changes");
    for (Path f : signed) {
      StringBuilder out = new StringBuilder();
      assertThat(run(dir, List.of("gpgv", "--keyring", keyring.toString(), f.toString()), out))
          .as(out.toString())
          .isZero();
    }
    StringBuilder out = new StringBuilder();
    int rc =
        run(
            dir,
            List.of(
                "dscverify",
                "--no-conf",
                "--no-default-keyrings",
                "--keyring",
                keyring.toString(),
                changes.toString()),
            out);
    assertThat(rc).as(out.toString()).isZero();
    assertThat(out).contains("validating dmtiny_1.0_amd64.buildinfo");
    // Signing again changes nothing: the files are already signed.
    assertThat(new ChangesSigner(key).sign(changes)).isEmpty();
  }

  @Test
  void keyIsPickedByFingerprintFromAFileOfSeveral() throws Exception {
    SigningKey a = A;
    SigningKey b = B;
    Path file = dir.resolve("secret.gpg");
    byte[] both = concat(a.encodeSecret(false), b.encodeSecret(false));
    Files.write(file, both);
    SigningKey picked =
        ChangesSigner.readKey(
            new SignPlugin.Options(file.toString(), b.fingerprint().substring(24), ""));
    assertThat(picked.fingerprint()).isEqualTo(b.fingerprint());
  }

  static byte[] concat(byte[] x, byte[] y) {
    byte[] z = new byte[x.length + y.length];
    System.arraycopy(x, 0, z, 0, x.length);
    System.arraycopy(y, 0, z, x.length, y.length);
    return z;
  }
}
