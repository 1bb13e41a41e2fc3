package org.debforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command tree in-process: usage, exit codes and error rendering. */
class CliTest {

  static Result run(String tool, String... args) {
    return InProcess.run(tool, args);
  }

  @Test
  void noArgumentsPrintsUsageAndExitsWithUsageCode() {
    Result r = run(null);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).contains("Usage: debforge").contains("deb-mock").contains("control");
  }

  @Test
  void unknownSubcommandIsUsageErrorWithSuggestion() {
    Result r = run(null, "contrl");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("contrl").contains("control");
  }

  @Test
  void toolRootsTheTreeAtItsSubtree() {
    Result r = run("deb-mock", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Usage: deb-mock");
  }

  @Test
  void unknownToolIsUsageError() {
    assertThat(run("no-such-tool").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void malformedControlFileNamesFileAndLineWithHint(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("control");
    Files.writeString(f, "Source: hello\nVersion 2.10\n");
    Result r = run(null, "control", "show", f.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err())
        .contains(f + ":2: error: expected 'Field: value'")
        .contains("hint: ")
        .doesNotContain("Exception");
  }

  @Test
  void missingFileIsNotFound(@TempDir Path dir) {
    Result r = run(null, "control", "show", dir.resolve("nope.dsc").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.err()).contains("nope.dsc: no such file");
  }

  @Test
  void controlShowJsonKeepsOrderAndSpelling(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("control");
    Files.writeString(f, "Source: hello\n# a comment\nbuild-depends: debhelper-compat (= 13)\n");
    Result r = run(null, "control", "show", "--comments", "--json", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out().replaceAll("\\s+", ""))
        .isEqualTo("[{\"Source\":\"hello\",\"build-depends\":\"debhelper-compat(=13)\"}]");
  }

  @Test
  void controlGetExitsOneWhenFieldIsAbsent(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("control");
    Files.writeString(f, "Source: hello\n\nPackage: hello\nArchitecture: any\n");
    assertThat(run(null, "control", "get", f.toString(), "architecture").out()).isEqualTo("any\n");
    assertThat(run(null, "control", "get", f.toString(), "Homepage").code())
        .isEqualTo(ExitCodes.FALSE);
  }
}
