package org.debforge.ostree.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.ostree.sysroot.HandMadeSysroot;
import org.debforge.ostree.sysroot.Sysroot;
import org.debforge.ostree.tool.Ostree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status document of a layered deployment over its base, against a golden file with
 * rpm-ostree's field names; regenerate with -Ddebforge.updateGolden=true and review the diff.
 */
class StatusJsonTest {
  static final String LAYER = "1".repeat(64);
  static final String BASE = "2".repeat(64);
  static final Path GOLDEN =
      Path.of("src/test/resources/org/debforge/ostree/status/status.json.golden");

  @TempDir Path dir;

  List<Status.Entry> entries() throws Exception {
    Path root =
        HandMadeSysroot.write(
            dir.resolve("sysroot"),
            "debian",
            new String[] {LAYER, BASE},
            new String[] {
              "[origin]\nbaserefspec=debian/12/x86_64/minimal\n[packages]\nrequested=hello;less;uuid-runtime;\n",
              "[origin]\nrefspec=debian/12/x86_64/minimal\n[libostree-transient]\npinned=true\n"
            },
            new String[] {"root=LABEL=root quiet", "root=LABEL=root"});
    Sysroot s = Sysroot.read(root);
    Ostree.CommitInfo base =
        new Ostree.CommitInfo(BASE, Optional.empty(), 1764777600L, Optional.of("12.20261203.0"));
    Ostree.CommitInfo layer =
        new Ostree.CommitInfo(LAYER, Optional.of(BASE), 1764781200L, Optional.of("12.20261203.0"));
    return List.of(
        new Status.Entry(
            s.deployments().get(0),
            layer,
            Optional.of(base),
            List.of("hello", "less", "uuid-runtime"),
            List.of(),
            Optional.of("Debian-12-20261203.0")),
        new Status.Entry(
            s.deployments().get(1),
            base,
            Optional.empty(),
            List.of(),
            List.of(),
            Optional.of("Debian-12-20261203.0")));
  }

  @Test
  void rpmOstreesFieldNames() throws Exception {
    String json =
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(Status.json(entries()))
            + "\n";
    if (Boolean.getBoolean("debforge.updateGolden")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, json);
    }
    assertThat(json).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void jsonpathSelectsLikeRpmOstree() throws Exception {
    JsonNode doc = new ObjectMapper().valueToTree(Status.json(entries()));
    assertThat(JsonPath.select(doc, "$.deployments[0].checksum").toString())
        .isEqualTo("[\"" + LAYER + "\"]");
    assertThat(JsonPath.select(doc, "$.deployments[*]['base-checksum']").toString())
        .isEqualTo("[\"" + BASE + "\"]");
    assertThat(JsonPath.select(doc, "$.deployments[-1].pinned").toString()).isEqualTo("[true]");
    assertThat(JsonPath.select(doc, "$.deployments.*.serial").toString()).isEqualTo("[0,0]");
    assertThat(JsonPath.select(doc, "$.deployments[5]").toString()).isEqualTo("[]");
    assertThat(JsonPath.select(doc, "$.deployments[0][\"requested-packages\"][1]").toString())
        .isEqualTo("[\"less\"]");
    assertThatThrownBy(() -> JsonPath.select(doc, "$..checksum"))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("recursive descent");
    assertThatThrownBy(() -> JsonPath.select(doc, "deployments"))
        .hasMessageContaining("a path starts with $");
    assertThatThrownBy(() -> JsonPath.select(doc, "$.deployments[?(@.booted)]"))
        .hasMessageContaining("is not [N], [*] or ['name']");
  }

  @Test
  void textListsTheLayerAndTheDefault() throws Exception {
    StringWriter w = new StringWriter();
    StatusText.print(new PrintWriter(w), entries(), true);
    assertThat(w.toString())
        .startsWith("State: idle\nDeployments:\n  debian:debian/12/x86_64/minimal\n")
        .contains("                  Version: 12.20261203.0 (2025-12-03T16:00:00Z)\n")
        .contains("               BaseCommit: " + BASE + "\n")
        .contains("          LayeredPackages: hello less uuid-runtime\n")
        .contains("                    Kargs: root=LABEL=root quiet\n")
        .contains("                   Pinned: yes\n");
  }
}
