package org.debforge.compose.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's {@code /dev} over a tiny root of the host's own dash, mknod and chmod (with the
 * libraries ldd names): its nodes are its own, and a node made with CAP_MKNOD opens nothing.
 */
@Tag("root")
class SandboxTest {
  @TempDir Path tmp;
  Path root;
  ToolLog log;

  @BeforeEach
  void root() throws Exception {
    root = tmp.resolve("root");
    for (String d : List.of("bin", "tmp", "dev", "proc", "run")) {
      Files.createDirectories(root.resolve(d));
    }
    copyWithLibraries(Path.of("/bin/dash"), root.resolve("bin/sh"));
    copyWithLibraries(Path.of("/usr/bin/mknod"), root.resolve("bin/mknod"));
    copyWithLibraries(Path.of("/usr/bin/chmod"), root.resolve("bin/chmod"));
    log = new ToolLog(tmp.resolve("sandbox.log"), "test");
  }

  /** The binary at {@code to}, each library at its own path (the loader's too). */
  void copyWithLibraries(Path binary, Path to) throws Exception {
    Files.copy(binary, to, StandardCopyOption.COPY_ATTRIBUTES);
    Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    for (String line : out.lines().toList()) {
      String[] w = line.strip().split("\\s+");
      String lib = w.length >= 3 && w[1].equals("=>") ? w[2] : w[0];
      if (lib.startsWith("/")) {
        Path in = root.resolve(lib.substring(1));
        Files.createDirectories(in.getParent());
        if (!Files.exists(in)) {
          Files.copy(Path.of(lib), in);
        }
      }
    }
  }

  int sh(Sandbox sandbox, String script) {
    return sandbox.run(root, List.of("/bin/sh", "-c", script), log);
  }

  @Test
  void theNodesAreTheSandboxsOwnAndMknodIsNotAllowed() throws Exception {
    String hostMode =
        PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/dev/null")));

    assertThat(sh(new Sandbox(), "echo discarded > /dev/null && chmod 600 /dev/null")).isZero();
    assertThat(sh(new Sandbox(), "/bin/mknod /tmp/console c 5 1")).isNotZero();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/dev/null"))))
        .isEqualTo(hostMode);
    assertThat(Files.readString(log.file())).contains("Operation not permitted");
    assertNothingBesideTheRoot();
  }

  @Test
  void withMknodANodeIsMadeButOpensNothing() throws Exception {
    Sandbox dracut = new Sandbox().withCaps("CAP_MKNOD");

    // As dracut makes an initramfs's early nodes in its scratch folder.
    assertThat(sh(dracut, "/bin/mknod /tmp/console c 5 1 && test -c /tmp/console")).isZero();
    // A node made in /dev (here a second /dev/null) cannot be opened: /dev is nodev.
    assertThat(sh(dracut, "/bin/mknod /dev/again c 1 3 && echo x > /dev/again")).isNotZero();
    assertThat(Files.readString(log.file())).contains("/dev/again: Permission denied");
    assertThat(sh(dracut, "echo still > /dev/null")).isZero();
    assertNothingBesideTheRoot();
  }

  void assertNothingBesideTheRoot() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("root", "sandbox.log");
    }
    assertThat(Files.exists(root.resolve("dev/again"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }
}
