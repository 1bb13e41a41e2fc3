package org.debforge.cli.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.debforge.core.mirror.HostMirror;
import org.debforge.orchestrator.testing.AptChroot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's apt round trip with real builds only: Debian's hello source built by deb-mock for
 * amd64 and, as the second architecture, natively for i386 (the bookworm-i386 config: i386 runs on
 * an amd64 kernel, so this is a real build, neither cross nor emulated), both imported into one
 * build, tagged, published signed; then apt in a clean bookworm root with i386 added installs and
 * runs the i386 hello, and {@code apt-get source} fetches the source package the build carried.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class RealBuildsAptRoundTripTest {
  static final String TAG = "rel";

  @TempDir Path tmp;

  Result orchestrator(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--store";
    all[args.length + 1] = tmp.resolve("store").toString();
    all[args.length + 2] = "--user";
    all[args.length + 3] = "tester";
    Result r = InProcess.run("deb-orchestrator", all);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    return r;
  }

  Path build(String config, String dsc) {
    Path out = tmp.resolve(config);
    Result r =
        InProcess.run(
            "deb-mock", "-q", "-r", config, "--rebuild", dsc, "--resultdir", out.toString());
    assertThat(r.code()).as(config + ": " + r.err()).isZero();
    return out;
  }

  @Test
  void helloBuiltForAmd64AndI386IsInstalledAndItsSourceFetchedByApt() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (builds, chroot)");
    String dsc = HostMirror.detect() + "/pool/main/h/hello/hello_2.10-3.dsc";
    Path amd64 = build("bookworm-amd64", dsc);
    Path i386 = build("bookworm-i386", dsc);
    assertThat(i386.resolve("hello_2.10-3_i386.deb")).isRegularFile();

    orchestrator("import", amd64.toString());
    orchestrator("import", i386.toString()); // joins the amd64 build as its i386 part
    assertThat(orchestrator("buildinfo", "hello_2.10-3", "--json").out())
        .contains("\"amd64\"", "\"i386\"", "hello_2.10-3.dsc");
    orchestrator("add-tag", TAG, "--arches", "amd64,i386");
    orchestrator("add-pkg", TAG, "hello", "--owner", "tester");
    orchestrator("tag-build", TAG, "hello_2.10-3");
    Path keys = Files.createDirectories(tmp.resolve("keys"));
    Result key =
        InProcess.run(
            "debforge",
            "pgp",
            "gen-key",
            "--name",
            "round trip",
            "--email",
            "rt@localhost",
            "--out-secret",
            keys.resolve("key.sec").toString(),
            "--out-public",
            keys.resolve("key.asc").toString());
    assertThat(key.code()).as(key.err()).isZero();
    Path keyring = keys.resolve("key.gpg");
    Process dearmor =
        new ProcessBuilder(
                "gpg", "--dearmor", "-o", keyring.toString(), keys.resolve("key.asc").toString())
            .redirectErrorStream(true)
            .start();
    assertThat(dearmor.waitFor()).isZero();
    orchestrator("publish-config", TAG, "--signing-key", keys.resolve("key.sec").toString());
    orchestrator("publish", TAG);

    Path repo = tmp.resolve("store/repos/" + TAG);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // A plain static server for the published files (the client side is under test here).
    Process http =
        new ProcessBuilder(
                "python3",
                "-m",
                "http.server",
                "--bind",
                "127.0.0.1",
                String.valueOf(port),
                "--directory",
                repo.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("http.log").toFile())
            .start();
    try {
      waitForPort(port);
      String opts =
          "[signed-by=/etc/apt/keyrings/debforge.gpg] http://127.0.0.1:" + port + " " + TAG;
      String a = "apt-get -o Acquire::http::Proxy=false -o Acquire::Retries=0 ";
      AptChroot.Run run =
          AptChroot.run(
              tmp,
              AptChroot.baseRoot(tmp),
              keyring,
              "rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*\n"
                  + "mkdir -p /etc/apt/keyrings\n"
                  + "cp /tmp/debforge.gpg /etc/apt/keyrings/debforge.gpg\n"
                  + "printf '%s\\n' 'deb "
                  + opts
                  + " main' 'deb-src "
                  + opts
                  + " main' > /etc/apt/sources.list.d/debforge.list\n"
                  // Debian for hello's own dependencies (libc6:i386), never for hello itself.
                  + "echo 'deb "
                  + HostMirror.detect()
                  + " bookworm main' > /etc/apt/sources.list.d/debian.list\n"
                  + "printf 'Package: hello\\nPin: release o=Debian\\nPin-Priority: -1\\n'"
                  + " > /etc/apt/preferences.d/hello\n"
                  + "rm -rf /var/lib/apt/lists/*\n"
                  + "dpkg --add-architecture i386\n"
                  + a
                  + "update\n"
                  + a
                  + "install -y --no-install-recommends hello:i386\n"
                  + "dpkg-query -W -f='${Package}:${Architecture} ${Version} ${Status}\\n' hello\n"
                  + "hello\n"
                  + "sha256sum /var/cache/apt/archives/hello_*_i386.deb\n"
                  + "apt-cache policy hello:amd64\n"
                  + "mkdir -p /tmp/src && cd /tmp/src\n"
                  + a
                  + "source --download-only hello\n"
                  + "ls /tmp/src\n");
      assertThat(run.code()).as(run.output()).isZero();
      assertThat(run.output())
          .contains(
              "hello:i386 2.10-3 install ok installed",
              "Hello, world!",
              "Candidate: 2.10-3",
              "hello_2.10-3.dsc",
              "hello_2.10.orig.tar.gz",
              "hello_2.10-3.debian.tar.xz",
              sha256(i386.resolve("hello_2.10-3_i386.deb")))
          .doesNotContain("NO_PUBKEY", "not signed", "Hash Sum mismatch");
    } finally {
      http.destroy();
      http.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static String sha256(Path file) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  static void waitForPort(int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the static server did not start on port " + port);
  }
}
