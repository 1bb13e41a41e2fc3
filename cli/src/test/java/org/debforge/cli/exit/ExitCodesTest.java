package org.debforge.cli.exit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.cli.exit.ExitCodes.Code;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exit-code table: its numbers, and each place that renders it (help, Jenkins library). */
class ExitCodesTest {
  /**
   * The Jenkins steps read this copy (libraryResource); Jenkins loads the library from SCM, so it
   * is committed rather than built. Regenerate with {@code -Ddebforge.updateGolden=true}.
   */
  static final Path JENKINS_TABLE =
      Path.of("../jenkins-library/resources/org/debforge/jenkins/exit-codes.json");

  @Test
  void numbersScriptsRelyOnNeverChange() {
    // Written out, not derived: renumbering a row must fail here, not pass silently everywhere.
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("OK", 0);
    expected.put("FALSE", 1);
    expected.put("USAGE", 2);
    expected.put("INVALID_INPUT", 3);
    expected.put("VERIFICATION_FAILED", 4);
    expected.put("NOT_FOUND", 5);
    expected.put("CONFLICT", 6);
    expected.put("UNSAFE_INPUT", 7);
    expected.put("IO", 8);
    expected.put("TOOL_FAILED", 9);
    expected.put("BUILD_FAILED", 10);
    expected.put("UNSTABLE", 11);
    expected.put("CHROOT_SETUP", 20);
    expected.put("DEPENDENCY_RESOLUTION", 30);
    expected.put("PLUGIN_FAILED", 40);
    expected.put("COMPOSE_FAILED", 45);
    expected.put("CONFIG", 50);
    expected.put("UNAUTHENTICATED", 60);
    expected.put("PERMISSION_DENIED", 61);
    expected.put("INTERNAL", 70);
    expected.put("UNCHANGED", 77);
    Map<String, Integer> actual = new LinkedHashMap<>();
    for (Code c : Code.values()) {
      actual.put(c.name(), c.code());
    }
    assertThat(actual).containsExactlyEntriesOf(expected);
    assertThat(ExitCodes.PERMISSION_DENIED).isEqualTo(61);
    assertThat(ExitCodes.DEPENDENCY_RESOLUTION).isEqualTo(30);
  }

  @Test
  void everyErrorKindHasTheRowOfItsName() {
    for (ErrorKind kind : ErrorKind.values()) {
      assertThat(ExitCodes.code(kind).name()).as(kind.name()).isEqualTo(kind.name());
      assertThat(ExitCodes.of(kind)).isEqualTo(ExitCodes.code(kind).code());
    }
  }

  @Test
  void labelsAreCommandLineWords() {
    assertThat(Code.DEPENDENCY_RESOLUTION.label()).isEqualTo("dependency-resolution");
    assertThat(Arrays.stream(Code.values()).map(Code::label))
        .allMatch(l -> l.matches("[a-z]+(-[a-z]+)*"))
        .doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"debforge", "deb-mock", "deb-orchestrator", "tumbi-assembler", "apt-ostree"})
  void everyToolsHelpEndsWithTheWholeTable(String tool) {
    Result r = InProcess.run(tool, "--help");
    assertThat(r.code()).isZero();
    assertThat(exitCodeSection(r.out())).isEqualTo(expectedSection());
  }

  @Test
  void aToolRunAsSubcommandKeepsItsTable() {
    Result r = InProcess.run(null, "deb-mock", "--help");
    assertThat(exitCodeSection(r.out())).isEqualTo(expectedSection());
    // What followed the old hand-written list still closes the help.
    assertThat(r.out().strip())
        .endsWith("result.json in the result directory: docs/deb-mock-result.md.");
  }

  @Test
  void jenkinsLibraryCopyIsTheTable() throws Exception {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode table = json.createObjectNode();
    table.put(
        "source",
        "Generated from cli/src/main/java/org/debforge/cli/exit/ExitCodes.java by ExitCodesTest"
            + " (-Ddebforge.updateGolden=true); docs/cli.md lists the same rows.");
    ArrayNode rows = table.putArray("codes");
    for (Code c : Code.values()) {
      rows.addObject().put("code", c.code()).put("name", c.label()).put("meaning", c.meaning());
    }
    if (Boolean.getBoolean("debforge.updateGolden")) {
      Files.writeString(JENKINS_TABLE, json.writeValueAsString(table) + "\n");
    }
    JsonNode committed = json.readTree(JENKINS_TABLE.toFile());
    assertThat(committed.get("codes"))
        .as("%s is stale: rerun ExitCodesTest with -Ddebforge.updateGolden=true", JENKINS_TABLE)
        .isEqualTo(rows);
  }

  /** From the heading to the end of the list, wrapping undone, one "code meaning" per row. */
  private static List<String> exitCodeSection(String help) {
    int start = help.indexOf("Exit codes (docs/cli.md):");
    assertThat(start).as("exit code heading in:%n%s", help).isNotNegative();
    List<String> rows = new ArrayList<>();
    for (String line : help.substring(start).lines().skip(1).toList()) {
      if (line.isBlank()) {
        break;
      }
      if (line.matches(" +\\d+ .*")) {
        rows.add(line.strip().replaceAll("\\s+", " "));
      } else {
        int last = rows.size() - 1;
        rows.set(last, rows.get(last) + " " + line.strip());
      }
    }
    return rows;
  }

  private static List<String> expectedSection() {
    return Arrays.stream(Code.values()).map(c -> c.code() + " " + c.meaning()).toList();
  }
}
