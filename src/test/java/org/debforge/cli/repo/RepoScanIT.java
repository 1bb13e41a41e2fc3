package org.debforge.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
