package org.debforge.orchestrator.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.debforge.orchestrator.compose.Compose;
import org.debforge.orchestrator.compose.ComposeMetadata;
import org.debforge.orchestrator.compose.ComposeMetadataReader;
import org.debforge.orchestrator.compose.ComposePackage;
import org.debforge.orchestrator.testing.Composes;
import org.junit.jupiter.api.Test;

/**
 * The compose JSON we write (REST, --json, and the import body a client sends) against golden
 * files; regenerate with {@code -Ddebforge.updateGolden=true} and review the diff.
 */
class ComposeViewsGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/org/debforge/orchestrator/json/golden");
  static final String ID = "Debforge-12-20260603.0";

  static ComposeMetadata metadata() {
    Composes.Pkg hello = new Composes.Pkg("hello", "2.10-3", "amd64", "cd".repeat(32), 53_000);
    return ComposeMetadataReader.parse(
        Composes.composeinfo(ID, "FINISHED").getBytes(StandardCharsets.UTF_8),
        Composes.lock(ID, "bookworm-local", "s1", List.of(Composes.BASE_FILES), List.of(hello))
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void composeView() throws Exception {
    ComposeMetadata m = metadata();
    Compose c =
        new Compose(
            1,
            m,
            List.of(
                new ComposePackage(m.packages().get(0), null, null),
                new ComposePackage(m.packages().get(1), 7L, "hello_2.10-3")),
            "jenkins",
            Instant.parse("2026-06-03T10:11:12Z"));
    check("compose.json", ComposeViews.compose(c));
  }

  @Test
  void importBodyReadsBackAsTheSameRecord() throws Exception {
    ComposeMetadata m = metadata();
    var body = ComposeViews.importBody(m);
    check("import-body.json", body);
    var tree = JsonViews.MAPPER.valueToTree(body);
    assertThat(ComposeMetadataReader.parse(tree.get("composeinfo"), tree.get("lock"))).isEqualTo(m);
  }

  private static void check(String name, Object view) throws Exception {
    String text = JsonViews.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view) + "\n";
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("debforge.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, text);
    }
    assertThat(text).isEqualTo(Files.readString(golden));
  }
}
