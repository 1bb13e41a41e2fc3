package org.debforge.orchestrator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.debforge.orchestrator.Orchestrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, part 6: {@code signing_key} names a key kept in the publishing user's gpg (made there,
 * never exported), by fingerprint; publish (in a child JVM with that {@code GNUPGHOME}) signs
 * through {@code gpg --local-user}, and apt with {@code signed-by=} the exported public key accepts
 * the repository, by hash and by name.
 */
class PublishGpgTest {
  @TempDir Path tmp;
  private Path home;

  @Test
  void publishSignsWithAKeyThatStaysInGpg() throws Exception {
    assumeTrue(HostApt.available(), "needs apt-get");
    home = Files.createDirectories(tmp.resolve("gnupg"));
    Files.setPosixFilePermissions(
        home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    gpg(
        "--pinentry-mode",
        "loopback",
        "--passphrase",
        "",
        "--quick-gen-key",
        "Archive <archive@example.org>",
        "ed25519",
        "sign",
        "0");
    String fpr =
        gpg("--with-colons", "--list-secret-keys", "archive@example.org")
            .lines()
            .filter(l -> l.startsWith("fpr:"))
            .findFirst()
            .orElseThrow()
            .split(":")[9];
    Path keyring = tmp.resolve("archive.gpg");
    gpg("--output", keyring.toString(), "--export", fpr);

    Path repo;
    try (Orchestrator o = Fixture.withBuilds(tmp)) {
      PublishSettings s = Fixture.settings(null);
      o.publisher()
          .configure(
              "alice",
              Fixture.TAG,
              new PublishSettings(
                  s.suite(),
                  s.codename(),
                  s.components(),
                  s.architectures(),
                  s.origin(),
                  s.label(),
                  s.description(),
                  fpr,
                  s.latestOnly(),
                  s.splitDebug()));
      repo = o.publisher().repository(Fixture.TAG);
    }
    ProcessBuilder pb = PublishChild.process(tmp.resolve("store"), "tagged", 0);
    pb.environment().put("GNUPGHOME", home.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    Path suite = repo.resolve("dists/" + Fixture.TAG);
    assertThat(Files.readString(suite.resolve("InRelease"))).contains("Hash: SHA512");
    HostApt apt = new HostApt(tmp.resolve("apt"), keyring, repo, Fixture.TAG, "main");
    for (boolean byHash : new boolean[] {true, false}) {
      HostApt.Run r = apt.update(byHash);
      assertThat(r.clean()).as(r.output()).isTrue();
    }
    assertThat(apt.show("hello").output()).contains("Version: 1.0-1");
    // The public key kept beside the repository is the one gpg exports (issue 15: composes read
    // tags' repositories with it).
    assertThat(Files.readAllBytes(repo.resolve("archive-key.gpg")))
        .isEqualTo(Files.readAllBytes(keyring));
    assertThat(Files.readString(repo.resolve("archive-key.asc")))
        .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
  }

  @AfterEach
  void stopAgent() throws Exception {
    if (home != null) {
      new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
          .start()
          .waitFor(1, TimeUnit.MINUTES);
    }
  }

  private String gpg(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("gpg", "--batch", "--no-tty", "--homedir"));
    cmd.add(home.toString());
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("%s", cmd).isZero();
    return out;
  }
}
