package org.debforge.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.cli.testing.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black box (slow: eight JVM launches and an RSA key): bin/debforge publishes a signed pool that
 * gpgv accepts and 'repo ls' reads back.
 */
@org.junit.jupiter.api.Tag("slow")
class RepoScanIT {
  @TempDir Path tmp;

  @Test
  void scanSignVerifyAndList() throws Exception {
    Path repo = tmp.resolve("repo");
    Cmd.deb(tmp, repo.resolve("pool/main/d"), "dflib", "1.0", null);
    Cmd.deb(tmp, repo.resolve("pool/main/d"), "dfapp", "2.0", "dflib (>= 1.0)");
    Path pass = Files.writeString(tmp.resolve("pass"), "correct horse\n");
    Path secret = tmp.resolve("k.asc");
    Path pub = tmp.resolve("k.gpg");
    var gen =
        Launcher.run(
            "debforge",
            "pgp",
            "gen-key",
            "--name",
            "IT",
            "--email",
            "it@example.org",
            "--out-secret",
            secret.toString(),
            "--out-public",
            pub.toString(),
            "--passphrase-file",
            pass.toString());
    assertThat(gen.exitCode()).as(gen.stderr()).isZero();

    var noPass =
        Launcher.run(
            "debforge",
            "repo",
            "scan",
            repo.resolve("pool").toString(),
            "--out",
            repo.toString(),
            "--arch",
            "amd64",
            "--sign",
            secret.toString());
    assertThat(noPass.exitCode()).isEqualTo(3);
    assertThat(noPass.stderr()).contains("passphrase").contains("hint: ");

    var scan =
        Launcher.run(
            "debforge",
            "repo",
            "scan",
            repo.resolve("pool").toString(),
            "--out",
            repo.toString(),
            "--suite",
            "bookworm",
            "--arch",
            "amd64",
            "--sign",
            secret.toString(),
            "--passphrase-file",
            pass.toString(),
            "--json");
    assertThat(scan.exitCode()).as(scan.stderr()).isZero();
    assertThat(scan.stdout()).contains("\"packages\" : 2");
    Path suite = repo.resolve("dists/bookworm");
    var gpgv =
        Cmd.run(
            java.util.List.of(
                "gpgv", "--keyring", pub.toString(), suite.resolve("InRelease").toString()));
    assertThat(gpgv.exit()).as(gpgv.err()).isZero();
    gpgv =
        Cmd.run(
            java.util.List.of(
                "gpgv",
                "--keyring",
                pub.toString(),
                suite.resolve("Release.gpg").toString(),
                suite.resolve("Release").toString()));
    assertThat(gpgv.exit()).as(gpgv.err()).isZero();

    var verify =
        Launcher.run(
            "debforge",
            "pgp",
            "verify",
            "--keyring",
            pub.toString(),
            suite.resolve("InRelease").toString());
    assertThat(verify.exitCode()).as(verify.stderr()).isZero();
    assertThat(verify.stdout()).contains("good signature from \"IT <it@example.org>\"");
    var detached =
        Launcher.run(
            "debforge",
            "pgp",
            "verify",
            "--keyring",
            pub.toString(),
            "--detached",
            suite.resolve("Release.gpg").toString(),
            suite.resolve("Release").toString());
    assertThat(detached.exitCode()).as(detached.stderr()).isZero();

    var ls =
        Launcher.run(
            "debforge", "repo", "ls", suite.resolve("main/binary-amd64/Packages.xz").toString());
    assertThat(ls.exitCode()).isZero();
    assertThat(ls.stdout()).isEqualTo("dfapp 2.0 all\ndflib 1.0 all\n");

    Path bad = tmp.resolve("InRelease.bad");
    Files.writeString(
        bad, Files.readString(suite.resolve("InRelease")).replace("Suite: bookworm", "Suite: sid"));
    var badVerify =
        Launcher.run("debforge", "pgp", "verify", "--keyring", pub.toString(), bad.toString());
    assertThat(badVerify.exitCode()).isEqualTo(4);
    assertThat(badVerify.stderr()).contains("BADSIG").contains("hint:");

    var strip = Launcher.run("debforge", "pgp", "strip", suite.resolve("InRelease").toString());
    assertThat(strip.stdout()).isEqualTo(Files.readString(suite.resolve("Release")));
  }

  /** Issue 13, part 6: {@code --sign KEYID} signs through gpg with a key that stays in it. */
  @Test
  void scanSignsWithAKeyKeptInGpg() throws Exception {
    Path repo = tmp.resolve("repo");
    Cmd.deb(tmp, repo.resolve("pool/main/d"), "dflib", "1.0", null);
    Path home = Files.createDirectories(tmp.resolve("gnupg"));
    Files.setPosixFilePermissions(
        home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    List<String> gpg = List.of("gpg", "--batch", "--no-tty", "--homedir", home.toString());
    try {
      var gen =
          Cmd.run(
              concat(
                  gpg,
                  "--pinentry-mode",
                  "loopback",
                  "--passphrase",
                  "",
                  "--quick-gen-key",
                  "IT Gpg <it-gpg@example.org>",
                  "ed25519",
                  "sign",
                  "0"));
      assertThat(gen.exit()).as(gen.err()).isZero();
      String fpr =
          Cmd.run(concat(gpg, "--with-colons", "--list-secret-keys", "it-gpg@example.org"))
              .out()
              .lines()
              .filter(l -> l.startsWith("fpr:"))
              .findFirst()
              .orElseThrow()
              .split(":")[9];
      Path pub = tmp.resolve("it-gpg.gpg");
      assertThat(Cmd.run(concat(gpg, "--output", pub.toString(), "--export", fpr)).exit()).isZero();

      var scan =
          Launcher.run(
              "debforge",
              null,
              Map.of("GNUPGHOME", home.toString()),
              null,
              "repo",
              "scan",
              repo.resolve("pool").toString(),
              "--out",
              repo.toString(),
              "--suite",
              "bookworm",
              "--arch",
              "amd64",
              "--sign",
              "0x" + fpr.substring(24),
              "--json");
      assertThat(scan.exitCode()).as(scan.stderr()).isZero();
      assertThat(scan.stdout()).contains("\"signedBy\" : \"" + fpr + "\"");
      var gpgv =
          Cmd.run(
              List.of(
                  "gpgv",
                  "--keyring",
                  pub.toString(),
                  repo.resolve("dists/bookworm/InRelease").toString()));
      assertThat(gpgv.exit()).as(gpgv.err()).isZero();

      var unknown =
          Launcher.run(
              "debforge",
              null,
              Map.of("GNUPGHOME", home.toString()),
              null,
              "repo",
              "scan",
              repo.resolve("pool").toString(),
              "--out",
              repo.toString(),
              "--arch",
              "amd64",
              "--sign",
              "nobody@example.org");
      assertThat(unknown.exitCode()).isEqualTo(50);
      assertThat(unknown.stderr()).contains("no secret key 'nobody@example.org'");
    } finally {
      Cmd.run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"));
    }
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
