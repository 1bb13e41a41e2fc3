package org.debforge.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.debforge.core.mirror.HostMirror;

/**
 * A clean bookworm root for apt round trips: deb-mock's cached base root (or a fresh mmdebstrap
 * one) under an overlay, in a private mount namespace, sharing the host's network so that apt
 * reaches a test server on 127.0.0.1.
 */
public final class AptChroot {
  private AptChroot() {}

  private static final Path DEB_MOCK_CACHE = Path.of("/var/cache/deb-mock/bookworm-amd64");

  public record Run(int code, String output) {}

  /**
   * Runs {@code script} as root in a private mount namespace, chrooted into an overlay over {@code
   * lower} (changes go to {@code tmp}); {@code keyring} is at /tmp/debforge.gpg inside.
   */
  public static Run run(Path tmp, Path lower, Path keyring, String script) throws Exception {
    Path upper = tmp.resolve("upper");
    Path work = tmp.resolve("work");
    Path merged = tmp.resolve("merged");
    for (Path d : List.of(upper, work, merged)) {
      Files.createDirectories(d);
    }
    Files.createDirectories(upper.resolve("tmp"));
    Files.copy(
        keyring,
        upper.resolve("tmp/debforge.gpg"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(tmp.resolve("script.sh"), "set -eu\n" + script);
    String outer =
        "set -eu\n"
            + "mount -t overlay overlay -o lowerdir="
            + lower
            + ",upperdir="
            + upper
            + ",workdir="
            + work
            + " "
            + merged
            + "\n"
            + "chmod 1777 "
            + merged
            + "/tmp\n"
            + "mount --rbind /dev "
            + merged
            + "/dev\n"
            + "mount -t proc proc "
            + merged
            + "/proc\n"
            + "cp "
            + tmp.resolve("script.sh")
            + " "
            + merged
            + "/tmp/script.sh\n"
            + "exec chroot "
            + merged
            + " env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive sh"
            + " /tmp/script.sh\n";
    Process proc =
        new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", outer)
            .redirectErrorStream(true)
            .start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(proc.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(proc.exitValue(), out);
  }

  /** deb-mock's cached bookworm root when there is one, else a fresh mmdebstrap'ed one in tmp. */
  public static Path baseRoot(Path tmp) throws Exception {
    if (Files.isDirectory(DEB_MOCK_CACHE)) {
      try (Stream<Path> dirs = Files.list(DEB_MOCK_CACHE)) {
        for (Path d : dirs.sorted().toList()) {
          if (Files.exists(d.resolve("complete"))
              && Files.isExecutable(d.resolve("root/usr/bin/apt-get"))) {
            return d.resolve("root");
          }
        }
      }
    }
    Path root = tmp.resolve("bookworm");
    Process p =
        new ProcessBuilder(
                "mmdebstrap", "--variant=apt", "bookworm", root.toString(), HostMirror.detect())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return root;
  }
}
