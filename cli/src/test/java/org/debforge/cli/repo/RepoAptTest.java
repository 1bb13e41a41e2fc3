package org.debforge.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real consumer: apt-get reads a repository published by {@code debforge repo scan}, checks its
 * signature with the key we generated, and resolves a dependency from it. apt runs with its state,
 * cache and sources redirected into the temp directory, so the host's apt is untouched.
 */
@Tag("root")
class RepoAptTest {
  @TempDir Path tmp;

  @Test
  void aptAcceptsOurSignedRepositoryAndRejectsTamperedOnes() throws Exception {
    Path repo = tmp.resolve("repo");
    Cmd.deb(tmp, repo.resolve("pool/main/d"), "dflib", "1.0", null);
    Cmd.deb(tmp, repo.resolve("pool/main/d"), "dfapp", "2.0", "dflib (>= 1.0)");
    Path secret = tmp.resolve("archive-secret.asc");
    Path pub = tmp.resolve("archive.gpg");
    var gen =
        Cmd.debforge(
            "pgp",
            "gen-key",
            "--name",
            "Apt Test Archive",
            "--email",
            "apt@example.org",
            "--out-secret",
            secret.toString(),
            "--out-public",
            pub.toString());
    assertThat(gen.exit()).as(gen.all()).isZero();
    scan(repo, secret);

    Files.writeString(
        tmp.resolve("sources.list"),
        "deb [signed-by=" + pub + "] file://" + repo + " bookworm main\n");
    Files.writeString(tmp.resolve("status"), "");

    var update = apt("lists1", "update");
    assertThat(update.exit()).as(update.all()).isZero();
    assertThat(update.all())
        .doesNotContain("NO_PUBKEY")
        .doesNotContain("not signed")
        .doesNotContain("W:")
        .doesNotContain("E:");
    var install = apt("lists1", "-s", "install", "dfapp");
    assertThat(install.exit()).as(install.all()).isZero();
    assertThat(install.out()).contains("Inst dflib (1.0").contains("Inst dfapp (2.0");

    // One changed byte in every copy of the amd64 Packages index: apt must refuse it. The by-hash
    // names are hard links, so each file (inode) is changed once.
    Path binary = repo.resolve("dists/bookworm/main/binary-amd64");
    java.util.Set<Object> seen = new java.util.HashSet<>();
    try (var files = Files.walk(binary)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!seen.add(Files.readAttributes(f, "unix:ino").get("ino"))) {
          continue;
        }
        byte[] b = Files.readAllBytes(f);
        b[b.length - 2] ^= 1;
        Files.write(f, b);
      }
    }
    var mismatch = apt("lists2", "update");
    assertThat(mismatch.exit()).as(mismatch.all()).isNotZero();
    assertThat(mismatch.all()).containsIgnoringCase("Hash Sum mismatch");

    // A fresh publish, then one changed byte in InRelease's signed text: BADSIG.
    scan(repo, secret);
    Path inRelease = repo.resolve("dists/bookworm/InRelease");
    Files.writeString(
        inRelease, Files.readString(inRelease).replace("Label: debforge", "Label: debforgf"));
    var badsig = apt("lists3", "update");
    assertThat(badsig.all()).contains("BADSIG");
    assertThat(badsig.exit()).as(badsig.all()).isNotZero();
  }

  private void scan(Path repo, Path secret) {
    var scan =
        Cmd.debforge(
            "repo",
            "scan",
            repo.resolve("pool").toString(),
            "--out",
            repo.toString(),
            "--suite",
            "bookworm",
            "--codename",
            "bookworm",
            "--origin",
            "debforge",
            "--label",
            "debforge",
            "--arch",
            "amd64",
            "--sign",
            secret.toString());
    assertThat(scan.exit()).as(scan.all()).isZero();
  }

  private Cmd.Result apt(String lists, String... args) throws Exception {
    Path l = Files.createDirectories(tmp.resolve(lists).resolve("partial"));
    Files.createDirectories(tmp.resolve("cache/archives/partial"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "apt-get", "-q",
                "-o", "Dir::Etc::SourceList=" + tmp.resolve("sources.list"),
                "-o", "Dir::Etc::SourceParts=/dev/null",
                "-o", "Dir::State::Lists=" + l.getParent(),
                "-o", "Dir::Cache=" + tmp.resolve("cache"),
                "-o", "Dir::State::status=" + tmp.resolve("status"),
                "-o", "APT::Architecture=amd64",
                "-o", "APT::Architectures=amd64",
                "-o", "APT::Sandbox::User=root",
                "-o", "Debug::NoLocking=1"));
    cmd.addAll(List.of(args));
    return Cmd.run(cmd);
  }
}
