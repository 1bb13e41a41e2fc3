package org.debforge.cli.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionCommandTest {

  static Result run(String... args) {
    return InProcess.run(null, args);
  }

  static Result batch(String stdin) {
    CompareCommand.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    try {
      return run("version", "compare", "--batch");
    } finally {
      CompareCommand.stdin = System.in;
    }
  }

  /**
   * Exit statuses of dpkg 1.21 --compare-versions for the pairs (1,2) (2,1) (1,1) ('',1) (1,'')
   * ('',''), recorded from the real dpkg on Debian 12.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ':',
      value = {
        "lt: 0 1 1 0 1 1",
        "le: 0 1 0 0 1 0",
        "eq: 1 1 0 1 1 0",
        "ne: 0 0 1 0 0 1",
        "ge: 1 0 0 1 0 0",
        "gt: 1 0 1 1 0 1",
        "lt-nl: 0 1 1 1 0 1",
        "le-nl: 0 1 0 1 0 0",
        "ge-nl: 1 0 0 0 1 0",
        "gt-nl: 1 0 1 0 1 1",
        "<<: 0 1 1 0 1 1",
        "<=: 0 1 0 0 1 0",
        "=: 1 1 0 1 1 0",
        ">=: 1 0 0 1 0 0",
        ">>: 1 0 1 1 0 1",
        "<: 0 1 0 0 1 0",
        ">: 1 0 0 1 0 0",
      })
  void exitStatusesLikeDpkg(String op, String expected) {
    String[][] pairs = {{"1", "2"}, {"2", "1"}, {"1", "1"}, {"", "1"}, {"1", ""}, {"", ""}};
    StringBuilder got = new StringBuilder();
    for (String[] p : pairs) {
      got.append(' ').append(run("version", "compare", p[0], op, p[1]).code());
    }
    assertThat(got.toString()).isEqualTo(" " + expected.strip());
  }

  @Test
  void blankVersionSortsAfterTilde() {
    assertThat(run("version", "compare", "~", "lt", "").code()).isZero();
    assertThat(run("version", "compare", "<unknown>", "eq", "").code()).isZero();
  }

  @Test
  void invalidVersionExitsThreeNamingIt() {
    Result r = run("version", "compare", "1:", "lt", "2");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("'1:'").contains("nothing after colon").contains("hint:");
  }

  @Test
  void warnsLikeDpkgButCompares() {
    Result r = run("version", "compare", "1.0_1", "gt", "1.0");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("warning: version '1.0_1' has bad syntax");
    assertThat(run("version", "compare", "1", "<", "2").err()).contains("obsolete");
  }

  @Test
  void badRelationIsUsage() {
    Result r = run("version", "compare", "1", "foo", "2");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad relation 'foo'");
    assertThat(run("version", "compare", "1", "lt").code()).isEqualTo(2);
  }

  @Test
  void batchPrintsOneVerdictPerLine() {
    Result r = batch("1.0 1.0~rc1\n1.0-1 1.0\n 0:1  1\n1~~ 1~~a\n");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(">\n>\n=\n<\n");
  }

  @Test
  void batchStopsAtMalformedLineAfterEarlierResults() {
    Result r = batch("1 2\n2 1\n1 2 3\n1 1\n");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("<\n>\n");
    assertThat(r.err()).contains("stdin:3:").contains("expected two versions");

    Result bad = batch("1 2\n1: 2\n");
    assertThat(bad.code()).isEqualTo(3);
    assertThat(bad.out()).isEqualTo("<\n");
    assertThat(bad.err()).contains("stdin:2:").contains("'1:'");
  }

  @Test
  void parsePrintsPartsAsJson() {
    Result r = run("version", "parse", "2:1.0-rc1-3+b1", "--json");
    assertThat(r.code()).isZero();
    assertThat(r.out().replaceAll("\\s+", ""))
        .isEqualTo(
            "{\"version\":\"2:1.0-rc1-3+b1\",\"epoch\":2,\"upstream\":\"1.0-rc1\","
                + "\"revision\":\"3+b1\"}");
    assertThat(run("version", "parse", "1.0").out())
        .isEqualTo("epoch: 0\nupstream: 1.0\nrevision: \n");
    assertThat(run("version", "parse", "a1").code()).isEqualTo(3);
    assertThat(run("version", "parse", "--lenient", "a1").code()).isZero();
  }
}
