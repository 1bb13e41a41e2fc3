package org.debforge.compose.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.compose.blueprint.ScriptSpec;
import org.debforge.compose.blueprint.UserSpec;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.SigningKey;
import org.debforge.core.repo.PoolScanner;
import org.debforge.core.repo.RepositoryWriter;
import org.debforge.core.repo.SuiteSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed rootfs phase leaves nothing at the target, nor anything half-made beside it. */
class RootfsBuilderFailureTest {
  @TempDir Path dir;

  @Test
  void anExistingTargetIsRefused() throws Exception {
    Path target = Files.createDirectories(dir.resolve("compose/rootfs"));
    assertFails(request(fakeRepo(), List.of(), List.of(), target), ErrorKind.CONFLICT, "exists");
  }

  @Test
  void anUnsafeFileIsRefusedBeforeAnyWork() throws Exception {
    Path src = Files.writeString(dir.resolve("motd"), "x");
    RootfsRequest r =
        request(
            fakeRepo(),
            List.of(new FileSpec(src, "/etc/../../etc/shadow", 0644)),
            List.of(),
            dir.resolve("compose/rootfs"));
    assertFails(r, ErrorKind.UNSAFE_INPUT, "/etc/../../etc/shadow");
    assertNothingBeside(r.target());
  }

  @Test
  void aBadUserIsRefusedBeforeAnyWork() throws Exception {
    RootfsRequest r =
        request(
            fakeRepo(),
            List.of(),
            List.of(new UserSpec("Bad", Optional.empty(), "", "/", "/bin/sh", List.of())),
            dir.resolve("compose/rootfs"));
    assertFails(r, ErrorKind.CONFIG, "users: Bad");
    assertNothingBeside(r.target());
  }

  @Test
  void aRepositoryWithoutInReleaseIsRefused() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(dir.resolve("key.gpg"), "key");
    assertFails(
        request(repo, List.of(), List.of(), dir.resolve("compose/rootfs")),
        ErrorKind.COMPOSE_FAILED,
        "InRelease");
  }

  /** apt refuses the repository (signed by another key): mmdebstrap fails, nothing remains. */
  @Test
  @Tag("root")
  void aFailedMmdebstrapLeavesNoTarget() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    SigningKey signer = KeyGenerator.generate("signer <a@example.org>", null);
    SigningKey other = KeyGenerator.generate("other <b@example.org>", null);
    RepositoryWriter.publish(
        repo,
        new SuiteSettings(
            null,
            null,
            "bookworm",
            "bookworm",
            null,
            "main",
            List.of("amd64"),
            ZonedDateTime.now(ZoneOffset.UTC),
            false),
        new PoolScanner.Pool(List.of(), List.of(), List.of()),
        signer);
    Path key = dir.resolve("other.gpg");
    Files.write(key, other.encodePublic(false));
    Path target = dir.resolve("compose/rootfs");
    RootfsRequest r =
        new RootfsRequest(
            repo,
            "bookworm",
            "amd64",
            key,
            List.of(InstalledSetTest.lock("hello", "2.10-3", "amd64")),
            List.of(),
            List.of(),
            List.of(new ScriptSpec("never", Optional.empty(), Optional.of("true"))),
            target,
            dir.resolve("compose/logs/rootfs.log"));
    assertFails(r, ErrorKind.COMPOSE_FAILED, "mmdebstrap exited");
    assertThat(r.target()).doesNotExist();
    assertNothingBeside(r.target());
    assertThat(Files.readString(r.log())).contains("NO_PUBKEY");
  }

  private Path fakeRepo() throws Exception {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("dists/bookworm"));
    Files.writeString(repo.resolve("dists/bookworm/InRelease"), "not checked before mmdebstrap");
    Files.writeString(dir.resolve("key.gpg"), "key");
    return repo;
  }

  private RootfsRequest request(
      Path repo, List<FileSpec> files, List<UserSpec> users, Path target) {
    return new RootfsRequest(
        repo,
        "bookworm",
        "amd64",
        dir.resolve("key.gpg"),
        List.of(InstalledSetTest.lock("hello", "2.10-3", "amd64")),
        files,
        users,
        List.of(),
        target,
        dir.resolve("compose/logs/rootfs.log"));
  }

  private static void assertFails(RootfsRequest r, ErrorKind kind, String text) {
    assertThatThrownBy(() -> new RootfsBuilder().build(r))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.getMessage()).contains(text);
            });
  }

  private static void assertNothingBeside(Path target) throws Exception {
    if (!Files.isDirectory(target.getParent())) {
      return;
    }
    try (var s = Files.list(target.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("logs")).toList())
          .isEmpty();
    }
  }
}
