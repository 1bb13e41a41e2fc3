package org.debforge.compose.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files land inside the root, with their mode, whatever symlinks the root holds. */
class FileInstallerTest {
  @TempDir Path dir;
  Path root;
  Path outside;
  Path src;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("root"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    src = Files.writeString(dir.resolve("src"), "payload\n");
  }

  @Test
  void copiesWithModeAndReplacesWhatIsThere() throws Exception {
    Files.writeString(root.resolve("etc/motd"), "old\n");
    Path written = FileInstaller.install(root, new FileSpec(src, "/etc/motd", 0640));
    assertThat(written).isEqualTo(root.resolve("etc/motd"));
    assertThat(written).hasContent("payload");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
        .isEqualTo("rw-r-----");
    if (FileInstaller.runningAsRoot()) {
      assertThat(Files.getAttribute(written, "unix:uid")).isEqualTo(0);
    }
    try (var s = Files.list(root.resolve("etc"))) {
      assertThat(s).hasSize(1); // no temp file left beside it
    }
  }

  @Test
  void followsSymlinksInsideTheRoot() throws Exception {
    Path written = FileInstaller.install(root, new FileSpec(src, "/bin/tool", 0755));
    assertThat(written).isEqualTo(root.resolve("usr/bin/tool"));
    assertThat(Files.isExecutable(written)).isTrue();
  }

  @Test
  void createsMissingFolders() throws Exception {
    Path written = FileInstaller.install(root, new FileSpec(src, "/etc/new/deep/file", 0600));
    assertThat(written).isEqualTo(root.resolve("etc/new/deep/file"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.getParent())))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void anAbsoluteSymlinkMeansTheRootsSlashNotTheHosts() throws Exception {
    // /etc/ssh -> <host path of outside>: in the root that path is below the root.
    Files.createSymbolicLink(root.resolve("etc/ssh"), outside.toAbsolutePath());
    Path written = FileInstaller.install(root, new FileSpec(src, "/etc/ssh/sshd_config", 0644));
    assertThat(written.startsWith(root)).isTrue();
    try (var s = Files.list(outside)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aRelativeSymlinkClimbingOutOfTheRootIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("etc/ssh"), Path.of("../../outside"));
    assertUnsafe("/etc/ssh/sshd_config", "leads out of the root");
    try (var s = Files.list(outside)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aSymlinkLoopIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("etc/a"), Path.of("b"));
    Files.createSymbolicLink(root.resolve("etc/b"), Path.of("/etc/a"));
    assertUnsafe("/etc/a/file", "too many symlinks");
  }

  @Test
  void aSymlinkAtTheDestinationIsReplacedNotWrittenThrough() throws Exception {
    Path victim = Files.writeString(outside.resolve("shadow"), "secret\n");
    Files.createSymbolicLink(root.resolve("etc/motd"), victim.toAbsolutePath());
    Path written = FileInstaller.install(root, new FileSpec(src, "/etc/motd", 0644));
    assertThat(Files.isSymbolicLink(written)).isFalse();
    assertThat(written).hasContent("payload");
    assertThat(victim).hasContent("secret");
  }

  @Test
  void aFileWhereAFolderIsNeededIsRefused() throws Exception {
    Files.writeString(root.resolve("etc/plain"), "x");
    assertUnsafe("/etc/plain/file", "is not a folder");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "etc/motd",
        "/etc/../etc/motd",
        "/../outside/file",
        "/etc/./motd",
        "/etc//motd",
        "/etc/motd/",
        "/",
        "",
        "/etc/mo\ntd",
        "/etc/mo\0td"
      })
  void malformedDestinationsAreRefused(String dest) {
    assertThatThrownBy(() -> FileInstaller.install(root, new FileSpec(src, dest, 0644)))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT));
  }

  @Test
  void aModeBeyondPermissionBitsIsAConfigError() {
    assertThatThrownBy(() -> FileInstaller.install(root, new FileSpec(src, "/etc/x", 0100644)))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
              assertThat(e.getMessage()).contains("/etc/x", "100644");
            });
  }

  private void assertUnsafe(String dest, String why) {
    assertThatThrownBy(() -> FileInstaller.install(root, new FileSpec(src, dest, 0644)))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT);
              assertThat(e.getMessage()).contains(dest, why);
            });
  }
}
