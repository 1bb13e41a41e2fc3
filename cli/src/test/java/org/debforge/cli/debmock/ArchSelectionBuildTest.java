package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.debforge.cli.debmock.DebMockBuildTest.debMock;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.debforge.cli.debmock.DebMockBuildTest.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 part 3: sbuild's --arch-any/--arch-all, on a real build of a source with both an {@code
 * Architecture: any} and an {@code Architecture: all} binary, as the cells of a matrix over
 * architectures run it: the first builds both, the others only the architecture's own.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class ArchSelectionBuildTest {
  @TempDir Path dir;

  @Test
  void noArchAllBuildsOnlyTheArchitecturePackageAndNoArchAnyOnlyTheAllOne() throws Exception {
    Path dsc = TinySource.makeAnyAndAll(dir, "dmarch");

    Outcome any = debMock(dir.resolve("any"), "--no-arch-all", "--rebuild", dsc.toString());
    assertThat(any.code()).as(any.err()).isZero();
    assertThat(debs(any.result())).containsExactly("dmarch_1.0_amd64.deb");
    assertThat(any.resultDir().resolve("build.log")).content().contains("debian/rules binary-arch");
    assertBuild(any.result(), "-B", true, false);

    Outcome all = debMock(dir.resolve("all"), "--no-arch-any", "--rebuild", dsc.toString());
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(debs(all.result())).containsExactly("dmarch-data_1.0_all.deb");
    assertBuild(all.result(), "-A", false, true);
  }

  @Test
  void sourceMakesTheChangesSourceful() throws Exception {
    Path dsc = TinySource.makeAnyAndAll(dir, "dmsrc");
    Outcome o =
        debMock(dir.resolve("src"), "--source", "--no-arch-any", "--rebuild", dsc.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertBuild(o.result(), "-g", false, true);
    Path changes;
    try (var s = java.nio.file.Files.list(o.resultDir())) {
      changes = s.filter(p -> p.toString().endsWith(".changes")).findFirst().orElseThrow();
    }
    String text = java.nio.file.Files.readString(changes);
    // Sourceful: the source is an architecture of the upload and its files are listed.
    assertThat(text).containsPattern("(?m)^Architecture: source all$");
    assertThat(text).contains(" dmsrc_1.0.dsc", " dmsrc_1.0.tar.xz", " dmsrc-data_1.0_all.deb");
    assertThat(text).doesNotContain("_amd64.deb");
  }

  private static java.util.List<String> debs(JsonNode result) {
    return result.get("artifacts").findValuesAsText("name").stream()
        .filter(n -> n.endsWith(".deb"))
        .toList();
  }

  private static void assertBuild(JsonNode result, String type, boolean any, boolean all) {
    JsonNode b = result.get("build");
    assertThat(b.get("type").asText()).isEqualTo(type);
    assertThat(b.get("arch_any").asBoolean()).isEqualTo(any);
    assertThat(b.get("arch_all").asBoolean()).isEqualTo(all);
  }
}
