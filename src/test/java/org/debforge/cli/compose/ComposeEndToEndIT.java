package org.debforge.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.debforge.cli.debmock.TinySource;
import org.debforge.cli.testing.Launcher;
import org.debforge.cli.testing.Launcher.Run;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's whole path from the launchers, as a user runs it: a package built by deb-mock, tagged
 * and published by deb-orchestrator, composed by tumbi-assembler with systemd, a kernel and an SSH
 * server from Debian into a signed exact-set repository and a root filesystem; then every claim
 * checked by its real consumer (dpkg-query, gpgv, dose-distcheck, sha256 of the images), the
 * compose record read back from deb-orchestrator, and a compose killed half-way that leaves the
 * latest link alone and is simply run again.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class ComposeEndToEndIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TAG = "e2e-candidate";

  @TempDir Path tmp;
  Map<String, String> env;

  Run ok(String tool, String... args) {
    Run r = Launcher.run(tool, null, env, tmp, args);
    assertThat(r.exitCode()).as(tool + " " + String.join(" ", args) + "\n" + r.stderr()).isZero();
    return r;
  }

  @Test
  void minimalBookwormFromATagAndDebian() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (builds, mmdebstrap)");
    env = new HashMap<>();
    env.put("DEB_ORCHESTRATOR_STORE", tmp.resolve("store").toString());
    env.put("DEB_ORCHESTRATOR_USER", "ci");

    // deb-mock builds the distribution's own package; deb-orchestrator tags and publishes it.
    Path dsc = TinySource.make(tmp, "dfmotd", "true", null);
    ok("deb-mock", "-r", "bookworm-amd64", "--rebuild", dsc.toString(), "--resultdir", "result");
    ok("deb-orchestrator", "import", "result");
    ok("deb-orchestrator", "add-tag", TAG, "--arches", "amd64");
    ok("deb-orchestrator", "add-pkg", TAG, "dfmotd", "--owner", "ci");
    ok("deb-orchestrator", "tag-build", TAG, "dfmotd_1.0");
    ok(
        "debforge",
        "pgp",
        "gen-key",
        "--name",
        "e2e",
        "--email",
        "e2e@localhost",
        "--out-secret",
        "tag.sec",
        "--out-public",
        "tag.asc");
    ok(
        "deb-orchestrator",
        "publish-config",
        TAG,
        "--signing-key",
        tmp.resolve("tag.sec").toString());
    ok("deb-orchestrator", "publish", TAG);

    Files.writeString(tmp.resolve("motd"), "composed by tumbi-assembler\n");
    Path bp = tmp.resolve("e2e.yaml");
    Files.writeString(
        bp,
        """
        name: e2e
        version: "12.%{date}.%{n}"
        suite: bookworm
        architectures: [amd64]
        sources:
          - orchestrator:e2e-candidate
          - suite: bookworm
            components: [main]
        packages: [systemd, systemd-sysv, linux-image-amd64, openssh-server, dfmotd]
        files:
          - {src: motd, dest: /etc/motd, mode: "0644"}
        users:
          - {name: operator, uid: 1000, home: /home/operator, shell: /bin/bash}
        postprocess:
          - inline: echo e2e > /etc/hostname
        outputs: [repo, rootfs]
        """);
    Path composes = tmp.resolve("composes");
    Run composed =
        ok("tumbi-assembler", "compose", bp.toString(), "--target", composes.toString(), "--json");
    JsonNode result = JSON.readTree(composed.stdout());
    assertThat(result.path("status").asText()).isEqualTo("FINISHED");
    Path compose = Path.of(result.path("path").asText());
    assertThat(composes.resolve("latest-e2e").toRealPath()).isEqualTo(compose.toRealPath());
    assertThat(compose.resolve("STATUS")).hasContent("FINISHED");

    // The root holds exactly the lock, dfmotd from the tag among it.
    JsonNode lock = JSON.readTree(compose.resolve("metadata/lock.json").toFile());
    TreeSet<String> locked = new TreeSet<>();
    for (JsonNode p : lock.path("packages")) {
      locked.add(
          p.path("name").asText()
              + " "
              + p.path("version").asText()
              + " "
              + p.path("arch").asText());
      if (p.path("name").asText().equals("dfmotd")) {
        assertThat(p.path("source").asText()).contains(TAG);
      }
    }
    assertThat(locked).contains("dfmotd 1.0 all").anyMatch(l -> l.startsWith("openssh-server "));
    Path root = compose.resolve("compose/Everything/amd64/rootfs");
    Run installed =
        Launcher.exec(
            List.of(
                "dpkg-query",
                "--admindir=" + root.resolve("var/lib/dpkg"),
                "-W",
                "-f=${Package} ${Version} ${Architecture}\\n"),
            null,
            Map.of(),
            tmp);
    assertThat(new TreeSet<>(installed.stdout().lines().toList())).isEqualTo(locked);
    assertThat(root.resolve("etc/motd")).hasContent("composed by tumbi-assembler");
    assertThat(root.resolve("etc/hostname")).hasContent("e2e");
    assertThat(root.resolve("etc/passwd")).content().contains("operator:x:1000:");
    assertThat(root.resolve("usr/share/doc/dfmotd/README")).hasContent("built");
    try (Stream<Path> kernels = Files.list(root.resolve("boot"))) {
      assertThat(kernels.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("vmlinuz-"));
    }

    // The exact-set repository verifies with gpgv and is closed by dose-distcheck's judgement too.
    Path repo = compose.resolve("compose/Everything/repo");
    Run gpgv =
        Launcher.exec(
            List.of(
                "gpgv",
                "--keyring",
                repo.resolve("KEY.gpg").toString(),
                repo.resolve("dists/bookworm/InRelease").toString()),
            null,
            Map.of(),
            tmp);
    assertThat(gpgv.exitCode()).as(gpgv.stderr()).isZero();
    Path packages = repo.resolve("dists/bookworm/main/binary-amd64/Packages");
    assertThat(packages).exists();
    Run dose =
        Launcher.exec(
            List.of("dose-distcheck", "-f", "-e", "--deb-native-arch=amd64", "deb://" + packages),
            null,
            Map.of(),
            tmp);
    assertThat(dose.exitCode()).as(dose.stdout() + dose.stderr()).isZero();
    assertThat(dose.stdout()).contains("broken-packages: 0");
    assertThat(compose.resolve("logs/repoclosure.log")).exists();

    // Every image the metadata lists is there with its size and checksum.
    JsonNode images = JSON.readTree(compose.resolve("metadata/images.json").toFile());
    List<JsonNode> listed = new ArrayList<>();
    images.path("payload").path("images").forEach(v -> v.forEach(a -> a.forEach(listed::add)));
    assertThat(listed).isNotEmpty();
    for (JsonNode image : listed) {
      Path file = compose.resolve("compose").resolve(image.path("path").asText());
      assertThat(Files.size(file)).isEqualTo(image.path("size").asLong());
      assertThat(sha256(file)).isEqualTo(image.path("checksums").path("sha256").asText());
    }

    // deb-orchestrator holds the compose record: which tag publication it used, its lock.
    String id = result.path("composeId").asText();
    Run record = ok("deb-orchestrator", "compose-info", id, "--json");
    assertThat(record.stdout()).contains(id, TAG, "dfmotd");

    // A compose killed half-way never becomes latest; the rerun is the next respin.
    List<String> cmd = new ArrayList<>();
    cmd.add(Launcher.root().resolve("bin/tumbi-assembler").toString());
    cmd.addAll(List.of("compose", bp.toString(), "--target", composes.toString(), "--no-rootfs"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.redirectOutput(tmp.resolve("killed.log").toFile());
    Process killed = pb.start();
    Path second = null;
    for (int i = 0; i < 600 && second == null; i++) {
      Thread.sleep(100);
      try (Stream<Path> s = Files.list(composes)) {
        second =
            s.filter(p -> p.getFileName().toString().startsWith("e2e-"))
                .filter(p -> !Files.isSymbolicLink(p))
                .filter(p -> !p.toAbsolutePath().equals(compose.toAbsolutePath()))
                .filter(p -> Files.exists(p.resolve("logs/gather.log")))
                .findFirst()
                .orElse(null);
      }
    }
    assertThat(second).as(Files.readString(tmp.resolve("killed.log"))).isNotNull();
    killed.destroyForcibly();
    assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(composes.resolve("latest-e2e").toRealPath()).isEqualTo(compose.toRealPath());
    assertThat(second.resolve("STATUS")).hasContent("STARTED");

    Run rerun =
        ok(
            "tumbi-assembler",
            "compose",
            bp.toString(),
            "--target",
            composes.toString(),
            "--no-rootfs",
            "--old-composes",
            composes.toString(),
            "--json");
    JsonNode third = JSON.readTree(rerun.stdout());
    assertThat(third.path("status").asText()).isEqualTo("FINISHED");
    assertThat(third.path("composeId").asText()).endsWith(".2");
    assertThat(composes.resolve("latest-e2e").toRealPath())
        .isEqualTo(Path.of(third.path("path").asText()).toRealPath());
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
