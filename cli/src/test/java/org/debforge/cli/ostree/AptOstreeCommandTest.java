package org.debforge.cli.ostree;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apt-ostree tree in process over a small sysroot: a real (bare-user) repository with a base
 * commit and a layer commit carrying apt-ostree's metadata, and the deployment files ostree admin
 * deploy leaves, written by hand (a real deploy needs a kernel and root: LayeringTest does that).
 */
class AptOstreeCommandTest {
  @TempDir Path dir;
  Path sysroot;
  String base;
  String layer;

  @BeforeEach
  void sysroot() throws Exception {
    sysroot = dir.resolve("sysroot");
    Path repo = sysroot.resolve("ostree/repo");
    Files.createDirectories(repo);
    run("ostree", "--repo=" + repo, "init", "--mode=bare-user-only");
    Path tree = dir.resolve("tree/usr/bin");
    Files.createDirectories(tree);
    Files.writeString(tree.resolve("true"), "base");
    base =
        run(
                "ostree",
                "--repo=" + repo,
                "commit",
                "--orphan",
                "--tree=dir=" + dir.resolve("tree"),
                "--add-metadata-string=version=12.20261203.0",
                "--add-metadata-string=debforge.compose-id=Debian-12-20261203.0")
            .strip();
    Files.writeString(tree.resolve("hello"), "layer");
    layer =
        run(
                "ostree",
                "--repo=" + repo,
                "commit",
                "--orphan",
                "--tree=dir=" + dir.resolve("tree"),
                "--parent=" + base,
                "--add-metadata-string=version=12.20261203.0",
                "--add-metadata-string=debforge.layer.base=" + base,
                "--add-metadata-string=debforge.layer.requested=hello")
            .strip();
    Path entries = sysroot.resolve("boot/loader.0/entries");
    Files.createDirectories(entries);
    Files.createSymbolicLink(sysroot.resolve("boot/loader"), Path.of("loader.0"));
    String[] sums = {layer, base};
    String[] origins = {
      "[origin]\nbaserefspec=debian/12/x86_64/minimal\n[packages]\nrequested=hello;\n",
      "[origin]\nrefspec=debian/12/x86_64/minimal\n"
    };
    for (int i = 0; i < 2; i++) {
      Path d = sysroot.resolve("ostree/deploy/debian/deploy/" + sums[i] + ".0");
      Files.createDirectories(d);
      Files.writeString(d.resolveSibling(sums[i] + ".0.origin"), origins[i]);
      Path link = sysroot.resolve("ostree/boot.0/debian/b" + i + "/0");
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, Path.of("../../../deploy/debian/deploy/" + sums[i] + ".0"));
      Files.writeString(
          entries.resolve("ostree-" + (2 - i) + "-debian.conf"),
          "title t\nversion "
              + (2 - i)
              + "\noptions root=LABEL=root"
              + (i == 0 ? " quiet" : "")
              + " ostree=/ostree/boot.0/debian/b"
              + i
              + "/0\n");
    }
  }

  @Test
  void helpExplainsAndListsTheCommands() {
    Result r = InProcess.run("apt-ostree", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Usage: apt-ostree")
        .contains("rpm-ostree")
        .contains("status", "install", "uninstall", "override", "rollback", "kargs", "cleanup")
        .contains(" 77   unchanged");
  }

  @Test
  void statusTextJsonAndJsonpath() throws Exception {
    Result text = InProcess.run("apt-ostree", "status", "--sysroot", sysroot.toString());
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("  debian:debian/12/x86_64/minimal")
        .contains("BaseCommit: " + base)
        .contains("LayeredPackages: hello");

    Result json = InProcess.run("apt-ostree", "status", "--json", "--sysroot", sysroot.toString());
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode d = new ObjectMapper().readTree(json.out()).path("deployments");
    assertThat(d).hasSize(2);
    assertThat(d.get(0).path("checksum").asText()).isEqualTo(layer);
    assertThat(d.get(0).path("base-checksum").asText()).isEqualTo(base);
    assertThat(d.get(0).path("requested-packages").toString()).isEqualTo("[\"hello\"]");
    assertThat(d.get(1).path("version").asText()).isEqualTo("12.20261203.0");
    assertThat(d.get(1).path("base-commit-meta").path("debforge.compose-id").asText())
        .isEqualTo("Debian-12-20261203.0");

    Result path =
        InProcess.run(
            "apt-ostree",
            "status",
            "--sysroot",
            sysroot.toString(),
            "--jsonpath",
            "$.deployments[*].checksum");
    assertThat(path.code()).isZero();
    assertThat(new ObjectMapper().readTree(path.out()).toString())
        .isEqualTo("[\"" + layer + "\",\"" + base + "\"]");
  }

  @Test
  void kargsPrintsTheDefaultsArguments() {
    Result r = InProcess.run("apt-ostree", "kargs", "--sysroot", sysroot.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("root=LABEL=root quiet\n");
  }

  @Test
  void errorsNameWhatIsWrong() {
    Result none =
        InProcess.run("apt-ostree", "status", "--sysroot", dir.resolve("nothing").toString());
    assertThat(none.code()).isEqualTo(5);
    assertThat(none.err()).contains("not an OSTree sysroot").contains("hint:");

    Result uninstall =
        InProcess.run("apt-ostree", "uninstall", "--sysroot", sysroot.toString(), "less");
    assertThat(uninstall.code()).isEqualTo(5);
    assertThat(uninstall.err()).contains("package less is not layered (requested: hello)");

    Result db = InProcess.run("apt-ostree", "db", "list");
    assertThat(db.code()).isEqualTo(50);
    assertThat(db.err()).contains("db is not available in this build");

    Result bad =
        InProcess.run(
            "apt-ostree", "status", "--sysroot", sysroot.toString(), "--jsonpath", "$..x");
    assertThat(bad.code()).isEqualTo(3);

    Result usage = InProcess.run("apt-ostree", "install");
    assertThat(usage.code()).isEqualTo(2);
  }

  @Test
  void unchangedExits77WhenAsked() {
    Result r =
        InProcess.run(
            "apt-ostree",
            "install",
            "--sysroot",
            sysroot.toString(),
            "--idempotent",
            "--unchanged-exit-77",
            "hello");
    assertThat(r.code()).as(r.err()).isEqualTo(77);
    assertThat(r.out()).contains("No change.");
    Result zero =
        InProcess.run(
            "apt-ostree", "install", "--sysroot", sysroot.toString(), "--idempotent", "hello");
    assertThat(zero.code()).isZero();
  }

  private static String run(String... argv) throws Exception {
    Process p =
        new ProcessBuilder(new ArrayList<>(List.of(argv))).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + err).isZero();
    return out;
  }
}
