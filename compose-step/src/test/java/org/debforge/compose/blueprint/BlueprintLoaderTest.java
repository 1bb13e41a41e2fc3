package org.debforge.compose.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading valid blueprints: the documented example, defaults, includes, per-arch sections. */
class BlueprintLoaderTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path EXAMPLE = ROOT.resolve("docs/examples/bookworm-minimal.yaml");
  static final Path GOLDEN =
      Path.of("src/test/resources/org/debforge/compose/blueprint/bookworm-minimal.json");

  @TempDir Path tmp;

  @Test
  void exampleMatchesItsGoldenFile() throws Exception {
    String actual = BlueprintView.json(BlueprintLoader.load(EXAMPLE), ROOT);
    if (Boolean.getBoolean("debforge.updateGolden")) {
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void exampleHasWhatTheIssueAsksFor() {
    Blueprint b = BlueprintLoader.load(EXAMPLE);
    assertThat(b.packages("amd64"))
        .containsExactly(
            "systemd",
            "systemd-sysv",
            "openssh-server",
            "openssh-sftp-server",
            "hello",
            "linux-image-amd64");
    assertThat(b.kernelArgs()).containsExactly("console=ttyS0,115200", "quiet");
    assertThat(b.sources().get(0))
        .isEqualTo(
            new SourceSpec.Orchestrator(
                "bookworm-candidate",
                "bookworm-candidate",
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    assertThat(b.outputs()).extracting(o -> o.type().key()).containsExactly("repo", "rootfs");
    assertThat(b.files().get(0).mode()).isEqualTo(0644);
    assertThat(b.postprocess())
        .extracting(ScriptSpec::name)
        .containsExactly("enable-ssh.sh", "inline-1");
  }

  @Test
  void defaults() {
    Blueprint b = BlueprintLoader.load(Yaml.write(tmp, "b.yaml", Yaml.MINIMAL));
    assertThat(b.recommends()).isFalse();
    assertThat(b.required()).isTrue();
    assertThat(b.outputs()).isEqualTo(Finisher.DEFAULT_OUTPUTS);
    assertThat(b.sources())
        .containsExactly(
            new SourceSpec.Mirror(
                "bookworm",
                Optional.empty(),
                "bookworm",
                List.of("main"),
                Finisher.DEBIAN_KEYRING));
    assertThat(b.packages("amd64")).isEmpty();
    assertThat(b.file()).isEqualTo(tmp.resolve("b.yaml").toAbsolutePath());
  }

  @Test
  void sourceForms() {
    Yaml.write(tmp, "keys/tag.gpg", "k");
    Blueprint b =
        BlueprintLoader.load(
            Yaml.write(
                tmp,
                "b.yaml",
                Yaml.MINIMAL
                    + "sources:\n"
                    + "  - orchestrator:trixie-candidate@compose-42\n"
                    + "  - {orchestrator: extras, server: 'https://orch.example.org/',"
                    + " keyring: keys/tag.gpg, name: extras-remote}\n"
                    + "  - {mirror: 'http://deb.example.org/debian', suite: bookworm-updates,"
                    + " components: [main, non-free-firmware]}\n"));
    assertThat(b.sources())
        .containsExactly(
            new SourceSpec.Orchestrator(
                "trixie-candidate@compose-42",
                "trixie-candidate",
                Optional.of("compose-42"),
                Optional.empty(),
                Optional.empty()),
            new SourceSpec.Orchestrator(
                "extras-remote",
                "extras",
                Optional.empty(),
                Optional.of(java.net.URI.create("https://orch.example.org/")),
                Optional.of(tmp.resolve("keys/tag.gpg").toAbsolutePath())),
            new SourceSpec.Mirror(
                "bookworm-updates",
                Optional.of(java.net.URI.create("http://deb.example.org/debian")),
                "bookworm-updates",
                List.of("main", "non-free-firmware"),
                Finisher.DEBIAN_KEYRING));
  }

  @Test
  void includesMergeFirstAndTheIncludingFileWins() {
    Yaml.write(
        tmp,
        "base/common.yaml",
        "name: base\nversion: \"0\"\nsuite: trixie\narchitectures: [arm64]\n"
            + "packages: [systemd, '@tools']\ngroups: {tools: [less]}\nexclude: [nano]\n"
            + "recommends: true\nkernel-args: [quiet]\n"
            + "outputs: [repo, {type: rootfs, failable: true}]\n"
            + "arches: {arm64: {packages: [u-boot-tools]}}\n");
    Blueprint b =
        BlueprintLoader.load(
            Yaml.write(
                tmp,
                "product.yaml",
                "include: [base/common.yaml]\nname: product\nsuite: bookworm\n"
                    + "architectures: [amd64, arm64]\npackages: [hello]\n"
                    + "groups: {tools: [vim-tiny]}\nkernel-args: [console=ttyS0]\n"
                    + "outputs: [{type: rootfs, failable: false}, ostree]\n"
                    + "arches: {arm64: {exclude: [grub-pc]}, amd64: {packages: [grub-pc]}}\n"));
    assertThat(b.name()).isEqualTo("product");
    assertThat(b.version()).isEqualTo("0");
    assertThat(b.suite()).isEqualTo("bookworm");
    assertThat(b.architectures()).containsExactly("amd64", "arm64");
    assertThat(b.recommends()).isTrue();
    assertThat(b.packages("amd64"))
        .containsExactly("systemd", "less", "vim-tiny", "hello", "grub-pc");
    assertThat(b.packages("arm64"))
        .containsExactly("systemd", "less", "vim-tiny", "hello", "u-boot-tools");
    assertThat(b.exclude("arm64")).containsExactly("nano", "grub-pc");
    assertThat(b.kernelArgs()).containsExactly("quiet", "console=ttyS0");
    assertThat(b.outputs())
        .containsExactly(
            new OutputSpec(OutputSpec.Type.REPO, false, Map.of()),
            new OutputSpec(OutputSpec.Type.ROOTFS, false, Map.of()),
            new OutputSpec(OutputSpec.Type.OSTREE, false, Map.of()));
  }

  @Test
  void diamondIncludesAreReadOnce() {
    Yaml.write(tmp, "common.yaml", "users: [{name: svc}]\npackages: [less]\n");
    Yaml.write(tmp, "a.yaml", "include: common.yaml\npackages: [a1]\n");
    Yaml.write(tmp, "b.yaml", "include: [common.yaml]\npackages: [b1]\n");
    Blueprint b =
        BlueprintLoader.load(
            Yaml.write(tmp, "top.yaml", Yaml.MINIMAL + "include: [a.yaml, b.yaml]\n"));
    assertThat(b.users()).hasSize(1);
    assertThat(b.packages()).containsExactly("less", "a1", "b1");
  }

  @Test
  void outputOptionsAndFailable() {
    Blueprint b =
        BlueprintLoader.load(
            Yaml.write(
                tmp,
                "b.yaml",
                Yaml.MINIMAL
                    + "outputs:\n  - repo\n  - {type: ostree, ref: debian/bookworm/x86_64,"
                    + " failable: true}\n"));
    assertThat(b.output(OutputSpec.Type.OSTREE))
        .contains(
            new OutputSpec(OutputSpec.Type.OSTREE, true, Map.of("ref", "debian/bookworm/x86_64")));
  }

  @Test
  void emptyValuesAreEmptyLists() {
    Blueprint b =
        BlueprintLoader.load(
            Yaml.write(
                tmp, "b.yaml", Yaml.MINIMAL + "packages:\n  # - hello\ninclude:\nusers: ~\n"));
    assertThat(b.packages()).isEmpty();
    assertThat(b.users()).isEmpty();
  }

  @Test
  void aMissingTopFileIsNotFound() {
    assertThatThrownBy(() -> BlueprintLoader.load(tmp.resolve("nope.yaml")))
        .isInstanceOf(DebforgeException.class)
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }
}
