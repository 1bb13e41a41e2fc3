package org.debforge.debmock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path etc;
  @TempDir Path user;

  ConfigLoader loader() {
    return new ConfigLoader(List.of(etc, user), () -> "http://mirror.invalid/debian");
  }

  @Test
  void shippedConfigsAreListedAndLoad() {
    assertThat(loader().names())
        .contains("bookworm-amd64", "trixie-amd64", "sid-amd64", "bookworm-arm64", "sid-i386");
    ChrootConfig c = loader().load("bookworm-amd64", List.of());
    assertThat(c.suite()).isEqualTo("bookworm");
    assertThat(c.architecture()).isEqualTo("amd64");
    assertThat(c.variant()).isEqualTo("buildd");
    assertThat(c.components()).containsExactly("main");
    assertThat(c.mirror()).isEqualTo("http://mirror.invalid/debian");
    assertThat(c.layers()).containsExactly("shipped:bookworm-amd64.yaml");
  }

  @Test
  void layersApplyInOrderAndConfigOptsLast() throws Exception {
    Files.writeString(etc.resolve("defaults.yaml"), "mirror: http://site/debian\n");
    Files.writeString(
        etc.resolve("bookworm-amd64.yaml"), "extra_packages: [ccache]\nenvironment: {A: '1'}\n");
    Files.writeString(
        user.resolve("bookworm-amd64.yaml"),
        "environment: {B: '2'}\ncomponents: [main, contrib]\n");
    ChrootConfig c =
        loader().load("bookworm-amd64", List.of("environment.A=9", "suite=bookworm-backports"));
    assertThat(c.mirror()).isEqualTo("http://site/debian");
    assertThat(c.extraPackages()).containsExactly("ccache");
    assertThat(c.environment()).containsEntry("A", "9").containsEntry("B", "2");
    assertThat(c.components()).containsExactly("main", "contrib");
    assertThat(c.suite()).isEqualTo("bookworm-backports");
    assertThat(c.layers()).hasSize(4);
  }

  @Test
  void userConfigByPathAndNewNames() throws Exception {
    Path f = user.resolve("mine.yaml");
    Files.writeString(f, "suite: trixie\narchitecture: arm64\n");
    assertThat(loader().names()).contains("mine");
    ChrootConfig c = loader().load(f.toString(), List.of());
    assertThat(c.name()).isEqualTo("mine");
    assertThat(c.architecture()).isEqualTo("arm64");
  }

  @Test
  void invalidValueNamesFileKeyAndWhatIsAllowed() throws Exception {
    Files.writeString(etc.resolve("bookworm-amd64.yaml"), "architecture: amd65\n");
    assertThatThrownBy(() -> loader().load("bookworm-amd64", List.of()))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
              assertThat(e.getMessage())
                  .contains(etc.resolve("bookworm-amd64.yaml").toString())
                  .contains("'architecture'")
                  .contains("amd65");
              assertThat(e.hint()).get().asString().contains("amd64").contains("arm64");
            });
  }

  @Test
  void unknownKeyBadYamlAndUnknownNameAreConfigErrors() throws Exception {
    Files.writeString(etc.resolve("x.yaml"), "suite: sid\narchitecture: amd64\nsuit: x\n");
    assertThatThrownBy(() -> loader().load("x", List.of()))
        .hasMessageContaining("x.yaml")
        .hasMessageContaining("'suit': unknown key");
    Files.writeString(etc.resolve("y.yaml"), "suite: [unclosed\n");
    assertThatThrownBy(() -> loader().load("y", List.of())).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> loader().load("nosuch-amd64", List.of()))
        .hasMessageContaining("no config named 'nosuch-amd64'");
    assertThatThrownBy(() -> loader().load("bookworm-amd64", List.of("variant=huge")))
        .hasMessageContaining("--config-opts")
        .hasMessageContaining("'variant'");
    assertThatThrownBy(() -> loader().load("bookworm-amd64", List.of("novalue")))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("KEY=VALUE");
  }
}
