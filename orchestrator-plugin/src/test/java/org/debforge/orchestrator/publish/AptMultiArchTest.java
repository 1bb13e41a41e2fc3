package org.debforge.orchestrator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, parts 1 and 2, checked by real apt in a clean bookworm root (as {@link
 * AptRoundTripTest}): a tag holding one source (a real .dsc from dpkg-source) built for amd64 and,
 * as a second architecture, i386 (binary packages written from code, not built by deb-mock). {@code
 * apt-get source} fetches and verifies the source; {@code apt-get install} installs the amd64 and
 * i386 packages side by side (Multi-Arch: same), the {@code all} package and the dbgsym from {@code
 * main/debug}.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class AptMultiArchTest {
  @TempDir Path tmp;

  @Test
  void aptGetSourceAndInstallBothArchitecturesFromATag() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (chroot, mounts)");
    Path key = Fixture.key(tmp.resolve("keys"));
    try (Orchestrator o = SourcesAndDebugTest.twoArches(tmp);
        OrchestratorServer server =
            OrchestratorServer.start(
                o,
                new OrchestratorServer.Options(
                    "127.0.0.1", 0, true, 1 << 20, tmp.resolve("uploads")))) {
      Publisher p = o.publisher();
      p.configure(
          "alice",
          Fixture.TAG,
          new PublishSettings(
              Fixture.TAG,
              "trixie",
              java.util.List.of("main"),
              java.util.List.of(),
              "Debforge",
              null,
              null,
              key.toString(),
              true,
              true));
      p.publish("alice", Fixture.TAG, null, null);

      AptRoundTripTest apt = new AptRoundTripTest();
      apt.tmp = tmp;
      String url = "http://127.0.0.1:" + server.port() + "/repos/" + Fixture.TAG;
      String opts = "[signed-by=/etc/apt/keyrings/debforge.gpg] " + url + " " + Fixture.TAG;
      String a = "apt-get -o Acquire::http::Proxy=false -o Acquire::Retries=0 ";
      AptRoundTripTest.Run run =
          apt.chroot(
              apt.baseRoot(),
              tmp.resolve("keys/key.gpg"),
              "rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*\n"
                  + "mkdir -p /etc/apt/keyrings\n"
                  + "cp /tmp/debforge.gpg /etc/apt/keyrings/debforge.gpg\n"
                  + "printf '%s\\n' 'deb "
                  + opts
                  + " main main/debug' 'deb-src "
                  + opts
                  + " main' > /etc/apt/sources.list.d/debforge.list\n"
                  + "rm -rf /var/lib/apt/lists/*\n"
                  + "dpkg --add-architecture i386\n"
                  + a
                  + "update\n"
                  + a
                  + "install -y --no-install-recommends hello-multi:amd64 hello-multi:i386"
                  + " hello-multi-doc hello-multi-dbgsym\n"
                  + "dpkg-query -W -f='${Package}:${Architecture} ${Version} ${Status}\\n'"
                  + " 'hello-multi*'\n"
                  + "cat /usr/lib/i386-linux-gnu/hello-multi/arch; echo\n"
                  + "mkdir -p /tmp/src && cd /tmp/src\n"
                  + a
                  + "source --download-only hello-multi\n"
                  + "ls /tmp/src\n");
      assertThat(run.code()).as(run.output()).isZero();
      assertThat(run.output())
          .contains(
              "hello-multi:amd64 1.0 install ok installed",
              "hello-multi:i386 1.0 install ok installed",
              "hello-multi-doc:all 1.0 install ok installed",
              "hello-multi-dbgsym:amd64 1.0 install ok installed",
              "hello-multi_1.0.dsc",
              "hello-multi_1.0.tar.xz")
          .doesNotContain("NO_PUBKEY", "not signed", "Hash Sum mismatch");
    }
  }
}
