package org.debforge.cli.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.debforge.cli.testing.Launcher;
import org.debforge.core.version.DpkgOracle;
import org.junit.jupiter.api.Test;

/** The real launcher on a large batch, checked line by line against dpkg's own code. */
class VersionCompareIT {
  private static final String[] TOKENS = {
    "0", "00", "1", "2", "9", "10", "a", "b", "Z", ".", "+", "~", "~~", "99999999999999999999999"
  };

  private static String version(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(5) == 0) {
      sb.append(r.nextInt(3)).append(':');
    }
    sb.append(r.nextInt(10));
    for (int i = r.nextInt(6); i > 0; i--) {
      sb.append(TOKENS[r.nextInt(TOKENS.length)]);
    }
    if (r.nextBoolean()) {
      sb.append('-').append(r.nextInt(3));
      for (int i = r.nextInt(3); i > 0; i--) {
        sb.append(TOKENS[r.nextInt(TOKENS.length)]);
      }
    }
    return sb.toString();
  }

  @Test
  void batchAgreesWithDpkgOnTwoHundredThousandPairs() {
    Random r = new Random(42);
    List<String[]> pairs = new ArrayList<>();
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      String a = version(r);
      String b = i % 3 == 0 ? a + TOKENS[r.nextInt(TOKENS.length)] : version(r);
      pairs.add(new String[] {a, b});
      in.append(a).append(' ').append(b).append('\n');
    }
    long t0 = System.nanoTime();
    Launcher.Run run =
        Launcher.run("debforge", in.toString(), Map.of(), null, "version", "compare", "--batch");
    long nanos = System.nanoTime() - t0;
    System.out.printf(
        "VersionCompareIT: %d lines in %.0f ms (JVM start included) = %.0f lines/s%n",
        pairs.size(), nanos / 1e6, pairs.size() / (nanos / 1e9));
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String[] lines = run.stdout().split("\n");
    assertThat(lines).hasSize(pairs.size());
    int[] dpkg = DpkgOracle.libdpkg(pairs);
    for (int i = 0; i < lines.length; i++) {
      String expected = dpkg[i] < 0 ? "<" : dpkg[i] > 0 ? ">" : "=";
      assertThat(lines[i])
          .as("line %d: %s %s", i + 1, pairs.get(i)[0], pairs.get(i)[1])
          .isEqualTo(expected);
    }
    // The dpkg command itself on a sample of the same pairs.
    List<String[]> sample = pairs.subList(0, 100);
    int[] cmd = DpkgOracle.dpkg(sample);
    for (int i = 0; i < sample.size(); i++) {
      assertThat(cmd[i]).isEqualTo(dpkg[i]);
    }
  }

  @Test
  void malformedLineFailsWithItsNumberAfterEarlierResults() {
    Launcher.Run run =
        Launcher.run(
            "debforge",
            "1.0 1.1\n2:1 1:2\n1.0- 1\n3 3\n",
            Map.of(),
            null,
            "version",
            "compare",
            "--batch");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stdout()).isEqualTo("<\n>\n");
    assertThat(run.stderr()).contains("stdin:3:").contains("'1.0-'").contains("revision");
  }

  @Test
  void singleComparisonExitCodesLikeDpkg() {
    assertThat(Launcher.run("debforge", "version", "compare", "1.0~rc1", "lt", "1.0").exitCode())
        .isZero();
    assertThat(Launcher.run("debforge", "version", "compare", "1.0", "lt", "1.0~rc1").exitCode())
        .isEqualTo(1);
    Launcher.Run bad = Launcher.run("debforge", "version", "compare", "1:", "lt", "1.0");
    assertThat(bad.exitCode()).isEqualTo(3);
    assertThat(bad.stderr()).contains("'1:'");
  }
}
