package org.debforge.compose.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.json.JsonFile;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.phase.PhaseRecord;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.rootfs.RootfsRequest;
import org.debforge.compose.testing.TestArchive;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composes with an oci output over the small signed archive: the real phases, ostree, tar, skopeo.
 * The rootfs phase's internals are replaced by a hand-made root with a stand-in kernel in place
 * (what a bootc image must hold), as in {@link ComposeOstreeTest}.
 */
class ComposeOciTest {
  @TempDir Path tmp;
  Path target;
  TestArchive archive;
  String kargs; // a kargs.d file to put in the root, when not null

  @BeforeEach
  void archive() {
    archive =
        TestArchive.standard(tmp.resolve("archive"))
            .add("linux-image-amd64", "6.1.76-1", "amd64", "Priority", "optional")
            .add("dracut", "059-4", "amd64", "Priority", "optional")
            .add("ostree-boot", "2022.7-2", "amd64", "Priority", "optional")
            .publish();
    target = tmp.resolve("composes");
  }

  Path root(RootfsRequest r) {
    try {
      Path root = ComposeOstreeTest.handMadeRoot(r);
      Path k = Files.createDirectories(root.resolve("usr/lib/modules/6.1.0-18-amd64"));
      Files.writeString(k.resolve("vmlinuz"), "kernel");
      Files.writeString(k.resolve("initramfs.img"), "initramfs");
      if (kargs != null) {
        Path d = Files.createDirectories(root.resolve("usr/lib/bootc/kargs.d"));
        Files.writeString(d.resolve("10-debforge.toml"), kargs);
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ComposeOptions options() {
    return ComposeOptions.into(target, new ContentCache(tmp.resolve("cache")))
        .withClock(ComposeTest.CLOCK)
        .withSigningKey(TestArchive.composeKey())
        .withRootfs(this::root);
  }

  Blueprint blueprint(List<String> packages, OutputSpec... outputs) {
    List<OutputSpec> all =
        new ArrayList<>(List.of(new OutputSpec(OutputSpec.Type.REPO, false, Map.of())));
    all.addAll(List.of(outputs));
    return TestArchive.blueprint(tmp, List.of(archive.source("test")), packages, all);
  }

  static OutputSpec ostree(boolean failable) {
    return new OutputSpec(OutputSpec.Type.OSTREE, failable, Map.of());
  }

  static OutputSpec oci(boolean failable, Map<String, String> options) {
    return new OutputSpec(OutputSpec.Type.OCI, failable, options);
  }

  static JsonNode skopeoInspect(String reference) throws Exception {
    Process p =
        new ProcessBuilder("skopeo", "inspect", reference).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return new ObjectMapper().readTree(out);
  }

  @Test
  @Tag("root")
  void anOciDirPushedWithSkopeoAndAnOciArchiveOfTheComposesCommits() throws Exception {
    Path pushed = tmp.resolve("pushed");
    Composer.Result r =
        new Composer(options())
            .compose(
                blueprint(
                    ComposeOstreeTest.withBoot("hello"),
                    ostree(false),
                    oci(false, Map.of("format", "oci-dir", "push", "oci:" + pushed + ":mini"))));

    assertThat(r.status()).as(r.reason()).isEqualTo(ComposeStatus.FINISHED);
    assertThat(r.phases())
        .extracting(PhaseRecord::name)
        .containsSubsequence("rootfs", "ostree", "oci", "repoclosure", "metadata");
    Path top = r.layout().topdir();
    String id = r.layout().composeId();
    Path dir = top.resolve("compose/Everything/amd64/images/" + id + "-amd64-oci");
    JsonNode inspect = skopeoInspect("oci:" + dir + ":1.0");
    assertThat(inspect.at("/Labels/containers.bootc").asText()).isEqualTo("1");
    assertThat(inspect.at("/Labels/org.opencontainers.image.version").asText()).isEqualTo("1.0");
    assertThat(inspect.at("/Labels/org.opencontainers.image.title").asText()).isEqualTo("mini");
    assertThat(inspect.at("/Labels/org.debforge.compose-id").asText()).isEqualTo(id);
    assertThat(inspect.at("/Architecture").asText()).isEqualTo("amd64");
    assertThat(inspect.at("/Created").asText()).isEqualTo("2026-12-03T10:00:00Z");

    // metadata/oci.json and composeinfo name the commit and the digests skopeo sees.
    JsonNode oci = JsonFile.read(top.resolve("metadata/oci.json"));
    assertThat(oci.at("/header/type").asText()).isEqualTo("debforge.oci");
    JsonNode amd64 = oci.at("/payload/oci/Everything/amd64");
    String commit =
        JsonFile.read(top.resolve("metadata/ostree.json"))
            .at("/payload/ostree/Everything/amd64/commit")
            .asText();
    assertThat(amd64.get("commit").asText()).isEqualTo(commit);
    assertThat(inspect.at("/Labels/org.debforge.ostree.commit").asText()).isEqualTo(commit);
    assertThat(amd64.get("manifest_digest").asText()).isEqualTo(inspect.at("/Digest").asText());
    assertThat(amd64.get("layer_digest").asText()).isEqualTo(inspect.at("/Layers/0").asText());
    assertThat(amd64.get("pushed_to").asText()).isEqualTo("oci:" + pushed + ":mini");
    JsonNode info = JsonFile.read(top.resolve("metadata/composeinfo.json"));
    assertThat(info.at("/debforge/oci/0/manifest_digest").asText())
        .isEqualTo(inspect.at("/Digest").asText());

    // images.json lists it beside the rootfs image: the manifest digest as its checksum.
    JsonNode images = JsonFile.read(top.resolve("metadata/images.json"));
    JsonNode image =
        images.at("/payload/images/Everything/amd64").findParents("type").stream()
            .filter(n -> n.get("type").asText().equals("oci"))
            .findFirst()
            .orElseThrow();
    assertThat(image.get("path").asText())
        .isEqualTo("Everything/amd64/images/" + id + "-amd64-oci");
    assertThat(image.get("format").asText()).isEqualTo("oci-dir");
    assertThat("sha256:" + image.at("/checksums/sha256").asText())
        .isEqualTo(inspect.at("/Digest").asText());
    assertThat(image.get("size").asLong()).isPositive();

    // skopeo copied it, digest unchanged.
    assertThat(skopeoInspect("oci:" + pushed + ":mini").at("/Digest").asText())
        .isEqualTo(inspect.at("/Digest").asText());

    // The default format: an oci-archive, its sha256 the file's.
    Composer.Result second =
        new Composer(options())
            .compose(
                blueprint(
                    ComposeOstreeTest.withBoot("hello"),
                    ostree(false),
                    oci(false, Map.of("tag", "stable"))));
    assertThat(second.status()).as(second.reason()).isEqualTo(ComposeStatus.FINISHED);
    String id2 = second.layout().composeId();
    Path tar =
        second
            .layout()
            .topdir()
            .resolve("compose/Everything/amd64/images/" + id2 + "-amd64-oci.tar");
    JsonNode inspect2 = skopeoInspect("oci-archive:" + tar + ":stable");
    assertThat(inspect2.at("/Labels/containers.bootc").asText()).isEqualTo("1");
    JsonNode image2 =
        JsonFile.read(second.layout().topdir().resolve("metadata/images.json"))
            .at("/payload/images/Everything/amd64")
            .findParents("type")
            .stream()
            .filter(n -> n.get("type").asText().equals("ociarchive"))
            .findFirst()
            .orElseThrow();
    assertThat(image2.get("format").asText()).isEqualTo("ociarchive");
    assertThat(image2.at("/checksums/sha256").asText()).isEqualTo(ContentCache.sha256(tar));
    assertThat(image2.get("size").asLong()).isEqualTo(Files.size(tar));
    ComposeTest.deleteTree(target);
  }

  @Test
  @Tag("root")
  void aKargsFileBootcCannotParseFailsTheLintAndAFailableOciOutputFinishesIncomplete()
      throws Exception {
    kargs = "kargs = \"console=ttyS0\"\n";
    Composer.Result r =
        new Composer(options())
            .compose(
                blueprint(ComposeOstreeTest.withBoot("hello"), ostree(false), oci(true, Map.of())));

    assertThat(r.status()).isEqualTo(ComposeStatus.FINISHED_INCOMPLETE);
    assertThat(r.phases())
        .filteredOn(p -> p.name().equals("oci"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.error())
                    .contains(
                        "bootc-kargs: /usr/lib/bootc/kargs.d/10-debforge.toml: kargs is not an"
                            + " array of strings"));
    Path images = r.layout().topdir().resolve("compose/Everything/amd64/images");
    try (var s = Files.list(images)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("oci"));
    }
    ComposeTest.deleteTree(target);
  }

  @Test
  void aFailedFailableOstreeOutputLeavesTheOciPhaseNoCommitAndItSaysSo() throws Exception {
    // No kernel, dracut or ostree-boot in the lock: the ostree phase fails before any commit.
    Composer.Result r =
        new Composer(options())
            .compose(blueprint(List.of("hello"), ostree(true), oci(true, Map.of())));

    assertThat(r.status()).isEqualTo(ComposeStatus.FINISHED_INCOMPLETE);
    assertThat(r.phases())
        .filteredOn(p -> p.name().equals("oci"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.error())
                    .contains(
                        "oci: amd64: the ostree phase made no commit to build the image from"));
    ComposeTest.deleteTree(target);
  }

  @Test
  void anOciOutputWithoutAnOstreeOutputIsRefusedBeforeAnyWork() {
    assertThatThrownBy(
            () ->
                new Composer(options()).compose(blueprint(List.of("hello"), oci(false, Map.of()))))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining(
            "blueprint.yaml: outputs: oci output: the image is made from the ostree")
        .hasMessageContaining("add one");
    assertThat(target).doesNotExist();
  }

  @Test
  void badOciOptionsAreRefusedBeforeAnyWorkNamingTheOption() {
    Map<Map<String, String>, String> bad =
        Map.of(
            Map.of("formt", "oci-dir"), "unknown options [formt]",
            Map.of("format", "docker"), "format 'docker' is not oci-archive or oci-dir",
            Map.of("tag", "-x"), "tag '-x' is not an image tag",
            Map.of("push", "registry.example/mini:1"),
                "push 'registry.example/mini:1' names no skopeo transport",
            Map.of("tls-verify", "no"), "tls-verify 'no' is not true or false");
    bad.forEach(
        (options, message) ->
            assertThatThrownBy(
                    () ->
                        new Composer(options())
                            .compose(
                                blueprint(List.of("hello"), ostree(false), oci(false, options))))
                .as(message)
                .isInstanceOfSatisfying(
                    DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
                .hasMessageContaining(message));
    assertThat(target).doesNotExist();
  }

  @Test
  void theDocumentedOciOutputLoadsFromYamlAndPasses() throws Exception {
    Path file = tmp.resolve("oci.yaml");
    Files.writeString(
        file,
        "name: t\nversion: \"12\"\nsuite: bookworm\narchitectures: [amd64, arm64]\n"
            + "outputs:\n  - repo\n  - ostree\n"
            + "  - {type: oci, format: oci-dir, tag: 12, tls-verify: false, failable: true,\n"
            + "     push: \"docker://registry.example/debian/bootc-%{arch}:12\"}\n");
    Blueprint bp = org.debforge.compose.blueprint.BlueprintLoader.load(file);
    OutputSpec oci = bp.output(OutputSpec.Type.OCI).orElseThrow();
    assertThat(oci.failable()).isTrue();
    assertThat(oci.options())
        .containsEntry("format", "oci-dir")
        .containsEntry("tag", "12")
        .containsEntry("tls-verify", "false");
    assertThat(OciPhase.problem(bp, oci)).isEmpty();
    assertThat(OciPhase.format(oci)).isEqualTo(org.debforge.compose.oci.OciFormat.OCI_DIR);

    // Two architectures, one destination: the second push would replace the first.
    OutputSpec one = oci(false, Map.of("push", "docker://registry.example/debian/bootc:12"));
    assertThat(OciPhase.problem(bp, one))
        .hasValueSatisfying(p -> assertThat(p).contains("put %{arch} in it"));
  }

  @Test
  void theDefaultTagIsTheVersionMadeATag() {
    OutputSpec plain = oci(false, Map.of());
    assertThat(OciPhase.tag(plain, "12.20261203.0")).isEqualTo("12.20261203.0");
    assertThat(OciPhase.tag(plain, "12+deb12u1~rc1")).isEqualTo("12_deb12u1_rc1");
    assertThat(OciPhase.tag(oci(false, Map.of("tag", "latest")), "12")).isEqualTo("latest");
  }
}
