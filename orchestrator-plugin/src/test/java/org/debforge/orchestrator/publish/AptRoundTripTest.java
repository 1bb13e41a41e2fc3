package org.debforge.orchestrator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.testing.AptChroot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real consumer: apt in a clean bookworm root updates from a tag served by the orchestrator,
 * verifies our signature with {@code Signed-By} our key, installs a package from the tag, and
 * refuses the repository once a Packages file is tampered with.
 *
 * <p>The root is deb-mock's cached bookworm base root under an overlay (read-only below, our
 * changes in a temp dir), or a fresh {@code mmdebstrap --variant=apt} when there is none. The
 * chroot shares the host's network, so apt reaches the server on 127.0.0.1.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class AptRoundTripTest {
  @TempDir Path tmp;

  @Test
  void aptUpdatesInstallsAndRefusesATamperedPackagesFile() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (chroot, mounts)");
    Path key = Fixture.key(tmp.resolve("keys"));
    try (Orchestrator o = Fixture.withBuilds(tmp);
        OrchestratorServer server =
            OrchestratorServer.start(
                o,
                new OrchestratorServer.Options(
                    "127.0.0.1", 0, true, 1 << 20, tmp.resolve("uploads")))) {
      Publisher p = o.publisher();
      p.configure("alice", Fixture.TAG, Fixture.settings(key));
      p.publish("alice", Fixture.TAG, null, null);

      Path lower = baseRoot();
      Path keyring = tmp.resolve("keys/key.gpg");
      String url = "http://127.0.0.1:" + server.port() + "/repos/" + Fixture.TAG;
      String setup =
          "rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*\n"
              + "mkdir -p /etc/apt/keyrings\n"
              + "cp /tmp/debforge.gpg /etc/apt/keyrings/debforge.gpg\n"
              + "echo 'deb [signed-by=/etc/apt/keyrings/debforge.gpg] "
              + url
              + " "
              + Fixture.TAG
              + " main' > /etc/apt/sources.list.d/debforge.list\n"
              + "rm -rf /var/lib/apt/lists/*\n";
      String apt = "apt-get -o Acquire::http::Proxy=false -o Acquire::Retries=0 ";
      Run ok =
          chroot(
              lower,
              keyring,
              setup
                  + apt
                  + "update\n"
                  + apt
                  + "install -y --no-install-recommends hello common\n"
                  + "dpkg-query -W -f='${Package} ${Version} ${Status}\\n' hello common\n");
      assertThat(ok.code()).as(ok.output()).isZero();
      assertThat(ok.output())
          .contains("hello 1.0-1 install ok installed", "common 3.0-1 install ok installed")
          .doesNotContain("NO_PUBKEY", "not signed");

      tamper(p.repository(Fixture.TAG).resolve("dists/" + Fixture.TAG + "/main/binary-amd64"));
      Run refused = chroot(lower, keyring, setup + apt + "update\n");
      assertThat(refused.code()).as(refused.output()).isNotZero();
      assertThat(refused.output()).contains("Hash Sum mismatch");
    }
  }

  /**
   * Flips one byte in the middle of every Packages.xz (named and by hash): same size, other hash.
   * Each path gets its own changed copy: the name and its by-hash entry are one inode (hard links),
   * which an in-place flip would change twice, back to the original.
   */
  private static void tamper(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        byte[] data = Files.readAllBytes(f);
        boolean xz = data.length > 6 && (data[0] & 0xff) == 0xfd && data[1] == '7';
        if (xz) {
          data[data.length / 2] ^= 0x5a;
          Path copy = Files.write(f.resolveSibling(f.getFileName() + ".tampered"), data);
          Files.move(copy, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  record Run(int code, String output) {}

  Run chroot(Path lower, Path keyring, String script) throws Exception {
    AptChroot.Run r = AptChroot.run(tmp, lower, keyring, script);
    return new Run(r.code(), r.output());
  }

  Path baseRoot() throws Exception {
    return AptChroot.baseRoot(tmp);
  }
}
