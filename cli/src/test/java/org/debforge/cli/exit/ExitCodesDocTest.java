package org.debforge.cli.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.debforge.cli.exit.ExitCodes.Code;
import org.junit.jupiter.api.Test;

/** docs/cli.md is the user's reference: its exit-code table must be the one the tools use. */
class ExitCodesDocTest {
  static final Path CLI_MD = Path.of("../docs/cli.md");

  record Row(String code, String name, String meaning) {}

  @Test
  void docTableIsTheJavaTable() throws Exception {
    List<Row> expected =
        Arrays.stream(Code.values())
            .map(c -> new Row(Integer.toString(c.code()), c.label(), c.meaning()))
            .toList();
    assertThat(docRows(Files.readString(CLI_MD))).containsExactlyElementsOf(expected);
  }

  /**
   * The rows of the first table under "## Exit codes". Backticks are dropped: they format the doc
   * ({@code `build.log`}) and are not part of what help prints.
   */
  static List<Row> docRows(String markdown) {
    List<String> lines = markdown.lines().toList();
    int i = lines.indexOf("## Exit codes");
    assertThat(i).as("'## Exit codes' in %s", CLI_MD).isNotNegative();
    while (!lines.get(i).startsWith("|")) {
      i++;
    }
    assertThat(cells(lines.get(i))).containsExactly("code", "name", "meaning");
    i += 2; // the header and the |---| line under it
    List<Row> rows = new ArrayList<>();
    for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> c = cells(lines.get(i));
      assertThat(c).as(lines.get(i)).hasSize(3);
      rows.add(new Row(c.get(0), c.get(1), c.get(2)));
    }
    return rows;
  }

  private static List<String> cells(String line) {
    String inner = line.strip().replaceAll("^\\||\\|$", "");
    return Arrays.stream(inner.split("\\|", -1)).map(s -> s.replace("`", "").strip()).toList();
  }
}
