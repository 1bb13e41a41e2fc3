package org.debforge.compose.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.compose.blueprint.ScriptSpec;
import org.debforge.compose.blueprint.UserSpec;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.compose.tool.Sandbox;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.mirror.HostMirror;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rootfs phase on real inputs: an exact-set repository of bookworm's Essential and required set
 * plus hello, installed by mmdebstrap, checked with the host's dpkg-query, then files, a user and
 * postprocess scripts in the bwrap sandbox.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class RootfsBuilderBookwormTest {
  @TempDir Path dir;

  @Test
  void rootEqualsTheLockWithFilesUsersAndSandboxedPostprocess() throws Exception {
    String mirror = HostMirror.detect();
    BookwormRepo repo = BookwormRepo.make(dir, mirror, "hello");
    assertThat(repo.lock).extracting(LockedPackage::name).contains("hello", "dpkg", "base-files");

    // The network the sandbox must not reach is reachable from the host itself.
    String host = URI.create(mirror).getHost();
    String ip = InetAddress.getByName(host).getHostAddress();
    int port = URI.create(mirror).getPort() > 0 ? URI.create(mirror).getPort() : 80;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip, port), 10_000);
    }

    Path motd = Files.writeString(dir.resolve("motd"), "composed by debforge\n");
    Path tool = Files.writeString(dir.resolve("tool"), "#!/bin/sh\necho tool\n");
    Path netScript =
        Files.writeString(
            dir.resolve("net.sh"),
            "#!/bin/bash\n"
                + "if exec 3<>/dev/tcp/"
                + ip
                + "/"
                + port
                + "; then echo reachable > /root/net; else echo unreachable > /root/net; fi\n"
                + "cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d ' ' > /root/interfaces\n");
    Path target = dir.resolve("compose/rootfs");
    Path log = dir.resolve("compose/logs/rootfs.log");
    RootfsRequest request =
        new RootfsRequest(
            repo.repo,
            BookwormRepo.SUITE,
            "amd64",
            repo.keyring,
            repo.lock,
            List.of(
                new FileSpec(motd, "/etc/motd", 0640),
                new FileSpec(tool, "/bin/debforge-tool", 0755)), // through merged-usr's /bin link
            List.of(
                new UserSpec(
                    "builder",
                    Optional.of(990),
                    "Compose builder",
                    "/var/lib/builder",
                    "/bin/bash",
                    List.of("adm"))),
            List.of(
                new ScriptSpec(
                    "mark",
                    Optional.empty(),
                    Optional.of(
                        "echo postprocessed > /etc/debforge-mark\n"
                            + "env > /root/env\n"
                            + "echo discarded > /dev/null\n"
                            + "stat -c '%d %i' /dev/null > /root/devnull\n"
                            + "if mount -t tmpfs none /mnt; then echo mounted; else echo refused;"
                            + " fi > /root/mount\n")),
                new ScriptSpec("net.sh", Optional.of(netScript), Optional.empty())),
            target,
            log);

    long start = System.nanoTime();
    Path root = new RootfsBuilder().build(request);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    System.out.printf("rootfs: %d packages in %d s%n", repo.lock.size(), seconds);

    assertThat(root).isEqualTo(target.toAbsolutePath());
    // The real consumer: the host's dpkg-query over the root's database.
    assertThat(dpkgQuery(root)).isEqualTo(InstalledSet.of(repo.lock));
    assertThat(Files.readString(root.resolve("etc/apt/sources.list"))).doesNotContain("copy://");

    assertThat(root.resolve("etc/motd")).hasContent("composed by debforge");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/motd"))))
        .isEqualTo("rw-r-----");
    assertThat(Files.getAttribute(root.resolve("etc/motd"), "unix:uid")).isEqualTo(0);
    assertThat(root.resolve("usr/bin/debforge-tool")).hasContent("#!/bin/sh\necho tool");
    assertThat(Files.isSymbolicLink(root.resolve("bin"))).isTrue();

    assertThat(Files.readAllLines(root.resolve("etc/passwd")))
        .contains("builder:x:990:990:Compose builder:/var/lib/builder:/bin/bash");
    assertThat(Files.readAllLines(root.resolve("etc/group")))
        .anyMatch(l -> l.startsWith("adm:") && l.matches(".*[:,]builder(,.*)?$"));
    assertThat(root.resolve("usr/lib/sysusers.d/debforge-compose.conf")).exists();

    assertThat(root.resolve("etc/debforge-mark")).hasContent("postprocessed");
    assertThat(root.resolve("root/net")).hasContent("unreachable");
    // The sandbox's /dev/null is a node of its own beside the root (on the root's file system),
    // not the host's; mounting is not allowed.
    String[] devNull = Files.readString(root.resolve("root/devnull")).strip().split(" ");
    assertThat(Long.parseLong(devNull[0])).isEqualTo(Files.getAttribute(root, "unix:dev"));
    assertThat(Long.parseLong(devNull[0]))
        .isNotEqualTo(Files.getAttribute(Path.of("/dev/null"), "unix:dev"));
    assertThat(root.resolve("root/mount")).hasContent("refused");
    assertThat(Files.readAllLines(root.resolve("root/interfaces"))).containsExactly("lo");
    TreeMap<String, String> env = new TreeMap<>();
    for (String l : Files.readAllLines(root.resolve("root/env"))) {
      env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
    }
    assertThat(env.keySet())
        .isSubsetOf(
            Set.of(
                "PATH",
                "HOME",
                "LANG",
                "DEBIAN_FRONTEND",
                "TMPDIR",
                "PWD",
                "OLDPWD",
                "SHLVL",
                "_"));
    assertThat(Files.readString(log)).contains("Network is unreachable", "mmdebstrap");

    // Nothing but the root (and the log's folder) is left beside it.
    try (var s = Files.list(target.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("rootfs", "logs");
    }

    // A failing script names itself and the log.
    ScriptSpec failing =
        new ScriptSpec("fail", Optional.empty(), Optional.of("echo about to fail\nexit 3\n"));
    assertThatThrownBy(
            () -> Postprocess.run(root, failing, new Sandbox(), new ToolLog(log, "rootfs")))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED);
              assertThat(e.getMessage()).contains("'fail'", "exited 3", log.toString());
            });
    assertThat(Files.readString(log)).contains("about to fail");
    RootfsBuilder.deleteTree(root); // before @TempDir, which warns about every absolute symlink
  }

  /** {@code dpkg-query -W} of the root, as {@code name version arch} lines. */
  static TreeSet<String> dpkgQuery(Path root) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "dpkg-query",
                "--admindir=" + root.resolve("var/lib/dpkg"),
                "-W",
                "-f=${Package} ${Version} ${Architecture}\\n")
            .redirectErrorStream(true)
            .start();
    List<String> lines =
        new ArrayList<>(new String(p.getInputStream().readAllBytes()).lines().toList());
    assertThat(p.waitFor()).as(String.join("\n", lines)).isZero();
    return new TreeSet<>(lines);
  }

  static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }
}
