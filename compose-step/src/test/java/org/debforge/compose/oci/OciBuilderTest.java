package org.debforge.compose.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.debforge.compose.ostree.HandMadeRoot;
import org.debforge.compose.ostree.OstreeCommit;
import org.debforge.compose.ostree.OstreeCommitter;
import org.debforge.compose.ostree.OstreeRequest;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images of a hand-made root committed by the ostree engine with the real ostree CLI (a stand-in
 * kernel in place), read back by skopeo and umoci.
 */
@Tag("root")
class OciBuilderTest {
  static final Instant CREATED = Instant.parse("2026-12-03T10:15:30Z");
  static final String KVER = "6.1.0-1-amd64";

  @TempDir Path dir;
  Path repo;
  String commit;

  @BeforeEach
  void commit() throws Exception {
    Path root = HandMadeRoot.make(dir.resolve("rootfs"));
    Path modules = Files.createDirectories(root.resolve("usr/lib/modules/" + KVER));
    Files.writeString(modules.resolve("vmlinuz"), "kernel");
    Files.writeString(modules.resolve("initramfs.img"), "initramfs");
    // A file capability (ping has one in Debian): an xattr Java cannot read, which the layer keeps.
    Cli.run("setcap", "cap_net_raw+ep", root.resolve("usr/bin/sh").toString());
    repo = dir.resolve("repo");
    OstreeCommit c =
        new OstreeCommitter()
            .commit(
                new OstreeRequest(
                    root,
                    repo,
                    "debian/12/amd64/mini",
                    "12.1",
                    Optional.empty(),
                    Map.of(),
                    dir.resolve("work"),
                    dir.resolve("ostree.log")));
    commit = c.checksum();
  }

  OciRequest request(String commit, OciFormat format, Path output) {
    return new OciRequest(
        repo,
        commit,
        "amd64",
        "12.1",
        format,
        CREATED,
        Map.of(
            "org.opencontainers.image.version", "12.1", "org.opencontainers.image.title", "mini"),
        output,
        dir.resolve("work"),
        dir.resolve("oci.log"));
  }

  @Test
  void aLayoutAndAnArchiveOfTheCommitThatSkopeoAndUmociRead() throws Exception {
    OciImage image = new OciBuilder().build(request(commit, OciFormat.OCI_DIR, dir.resolve("oci")));

    JsonNode inspect = Cli.json("skopeo", "inspect", "oci:" + dir.resolve("oci") + ":12.1");
    assertThat(inspect.at("/Labels/containers.bootc").asText()).isEqualTo("1");
    assertThat(inspect.at("/Labels/ostree.bootable").asText()).isEqualTo("1");
    assertThat(inspect.at("/Labels/org.opencontainers.image.version").asText()).isEqualTo("12.1");
    assertThat(inspect.at("/Labels/org.debforge.ostree.commit").asText()).isEqualTo(commit);
    assertThat(inspect.at("/Architecture").asText()).isEqualTo("amd64");
    assertThat(inspect.at("/Os").asText()).isEqualTo("linux");
    assertThat(inspect.at("/Digest").asText()).isEqualTo(image.manifest());
    assertThat(inspect.at("/Layers/0").asText()).isEqualTo(image.layer());
    assertThat(inspect.at("/Layers").size()).isEqualTo(1);
    assertThat(inspect.at("/Created").asText()).isEqualTo("2026-12-03T10:15:30Z");
    JsonNode config =
        Cli.json("skopeo", "inspect", "--config", "oci:" + dir.resolve("oci") + ":12.1");
    assertThat(config.at("/config/Cmd/0").asText()).isEqualTo("/sbin/init");
    assertThat(config.at("/rootfs/diff_ids/0").asText()).isEqualTo(image.diffId());
    assertThat(image.sha256()).isEqualTo(image.manifest().substring(7));

    // The same commit and time as an archive: the same image, digest for digest.
    OciImage archive =
        new OciBuilder().build(request(commit, OciFormat.OCI_ARCHIVE, dir.resolve("oci.tar")));
    JsonNode inspectArchive =
        Cli.json("skopeo", "inspect", "oci-archive:" + dir.resolve("oci.tar") + ":12.1");
    assertThat(inspectArchive.at("/Digest").asText()).isEqualTo(image.manifest());
    assertThat(inspectArchive.at("/Labels/containers.bootc").asText()).isEqualTo("1");
    assertThat(archive.manifest()).isEqualTo(image.manifest());
    assertThat(archive.size()).isEqualTo(Files.size(dir.resolve("oci.tar")));

    // umoci unpacks it: /etc at the top with the root's files, no /usr/etc, the one kernel.
    Path bundle = dir.resolve("bundle");
    Cli.run("umoci", "unpack", "--image", dir.resolve("oci") + ":12.1", bundle.toString());
    Path rootfs = bundle.resolve("rootfs");
    assertThat(rootfs.resolve("etc/hostname")).hasContent("debian\n");
    assertThat(rootfs.resolve("etc/machine-id")).isEmptyFile();
    assertThat(rootfs.resolve("usr/etc")).doesNotExist();
    assertThat(rootfs.resolve("usr/lib/modules/" + KVER + "/vmlinuz")).hasContent("kernel");
    assertThat(Files.readSymbolicLink(rootfs.resolve("ostree")))
        .isEqualTo(Path.of("sysroot/ostree"));
    assertThat(rootfs.resolve("sysroot")).isDirectory();
    try (Stream<Path> s = Files.list(rootfs.resolve("var"))) {
      assertThat(s).isEmpty();
    }
    assertThat(Files.getLastModifiedTime(rootfs.resolve("usr/bin/sh")).toInstant())
        .isEqualTo(CREATED);
    assertThat(Cli.run("getcap", rootfs.resolve("usr/bin/sh").toString()))
        .contains("cap_net_raw=ep");

    // skopeo copies it on (here to a dir: destination; a registry is docker://).
    Skopeo.copy(
        image, "dir:" + dir.resolve("copy"), true, new ToolLog(dir.resolve("push.log"), "oci"));
    assertThat(dir.resolve("copy/manifest.json")).exists();
    assertThat(dir.resolve("copy/" + image.layer().substring(7))).exists();

    // No scratch left behind.
    try (Stream<Path> s = Files.list(dir.resolve("work"))) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void pushedToARegistryOverPlainHttpWithTheSameDigest() throws Exception {
    OciImage image =
        new OciBuilder().build(request(commit, OciFormat.OCI_ARCHIVE, dir.resolve("oci.tar")));
    try (Registry registry = Registry.start(Files.createDirectories(dir.resolve("registry")))) {
      String dest = "docker://" + registry.host + "/debian/bootc:12.1";
      Skopeo.copy(image, dest, false, new ToolLog(dir.resolve("push.log"), "oci"));

      JsonNode remote = Cli.json("skopeo", "inspect", "--tls-verify=false", dest);
      assertThat(remote.at("/Digest").asText()).isEqualTo(image.manifest());
      assertThat(remote.at("/Labels/containers.bootc").asText()).isEqualTo("1");

      // With TLS verified (the default), the plain-HTTP registry is refused, and skopeo says so.
      assertThatThrownBy(
              () ->
                  Skopeo.copy(
                      image,
                      "docker://" + registry.host + "/debian/bootc:other",
                      true,
                      new ToolLog(dir.resolve("push2.log"), "oci")))
          .isInstanceOfSatisfying(
              DebforgeException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED))
          .hasMessageContaining("oci: skopeo could not copy")
          .hasMessageContaining("http");
    }
  }

  @Test
  void twoBuildsOfOneCommitGiveOneManifestDigest() {
    OciImage a = new OciBuilder().build(request(commit, OciFormat.OCI_DIR, dir.resolve("a")));
    OciImage b = new OciBuilder().build(request(commit, OciFormat.OCI_DIR, dir.resolve("b")));
    assertThat(b.manifest()).isEqualTo(a.manifest());
    assertThat(b.layer()).isEqualTo(a.layer());
  }

  @Test
  void aCommitWithTwoKernelsFailsTheKernelCheckAndLeavesNoImage() throws Exception {
    // Made with the ostree CLI: our committer's own lint refuses two kernels.
    Path checkout = dir.resolve("checkout");
    Cli.run("ostree", "--repo=" + repo, "checkout", commit, checkout.toString());
    Path second = Files.createDirectories(checkout.resolve("usr/lib/modules/6.1.0-2-amd64"));
    Files.writeString(second.resolve("vmlinuz"), "kernel 2");
    String two =
        Cli.run("ostree", "--repo=" + repo, "commit", "--orphan", "--tree=dir=" + checkout).strip();

    assertThatThrownBy(
            () -> new OciBuilder().build(request(two, OciFormat.OCI_ARCHIVE, dir.resolve("x.tar"))))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED))
        .hasMessageContaining(
            "kernel: /usr/lib/modules/6.1.0-1-amd64, /usr/lib/modules/6.1.0-2-amd64: 2 kernels");
    assertThat(dir.resolve("x.tar")).doesNotExist();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".x.tar"));
    }
  }

  @Test
  void aBadTagOrArchitectureIsRefusedBeforeAnyWork() {
    assertThatThrownBy(
            () ->
                new OciRequest(
                    repo,
                    commit,
                    "amd64",
                    ":latest",
                    OciFormat.OCI_DIR,
                    CREATED,
                    Map.of(),
                    dir.resolve("o"),
                    dir,
                    dir.resolve("l")))
        .hasMessageContaining("tag ':latest' is not an image tag");
    assertThatThrownBy(
            () ->
                new OciRequest(
                    repo,
                    commit,
                    "hurd-i386",
                    "t",
                    OciFormat.OCI_DIR,
                    CREATED,
                    Map.of(),
                    dir.resolve("o"),
                    dir,
                    dir.resolve("l")))
        .hasMessageContaining("architecture 'hurd-i386'");
  }
}
