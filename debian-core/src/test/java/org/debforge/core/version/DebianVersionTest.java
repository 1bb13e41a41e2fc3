package org.debforge.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.debforge.core.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebianVersionTest {

  private static int sign(int x) {
    return Integer.signum(x);
  }

  /** Cases from dpkg's t/t-version.c and Dpkg::Version's t/Dpkg_Version.t, plus our own. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0~rc1 < 1.0",
        "1.0 < 1.0+b1",
        "1.0 < 1.0-1",
        "1.0-1 > 1.0",
        "1.0 = 1.0-0",
        "1.0 = 1.00",
        "1.0 = 0:1.0",
        "0:1.0 = 00:1.0",
        "1:0 > 9999",
        "2:1.0 > 1:9.0",
        "1.0-1 < 1.0-2",
        "1.0-10 > 1.0-9",
        "1.0a < 1.0b",
        "1.0a > 1.0",
        "1.0a < 1.0.",
        "1.0+ > 1.0a",
        "1.0~ < 1.0",
        "1.0~~ < 1.0~",
        "1.0~~ < 1.0~~a",
        "1.0~~a < 1.0~",
        "1~ < 1",
        "0.9 < 1.0",
        "1.2.3 < 1.10",
        "007 = 7",
        "1.0.0 > 1.0",
        "1a < 1b",
        "1A < 1a",
        "1.0-A < 1.0-a",
        "1:1.0-1 > 1:1.0~1-1",
        "2.30-1 < 2.30-1+b1",
        "1.0+dfsg-1 > 1.0-1",
        "1.0-1~bpo12+1 < 1.0-1",
        "99999999999999999999999999 < 100000000000000000000000000",
        "1.99999999999999999999999999 < 1.100000000000000000000000000",
        "1.00000000000000000000000000001 = 1.1",
        "1-1-1 > 1-1",
        "1:2:3 > 1:2",
      })
  void ordersLikeDpkg(String a, String op, String b) {
    int expected =
        switch (op) {
          case "<" -> -1;
          case "=" -> 0;
          default -> 1;
        };
    assertThat(sign(DebianVersion.compare(a, b))).isEqualTo(expected);
    assertThat(sign(DebianVersion.compare(b, a))).isEqualTo(-expected);
    assertThat(sign(DebianVersion.parse(a).compareTo(DebianVersion.parse(b)))).isEqualTo(expected);
  }

  @Test
  void tildeSortsBeforeEverythingEvenTheEnd() {
    // dpkg's own example: ~~ < ~~a < ~ < (empty) < a, as the upstream suffix of "1".
    List<String> shuffled = new ArrayList<>(List.of("1a", "1", "1~", "1~~a", "1~~"));
    Collections.shuffle(shuffled, new java.util.Random(1));
    shuffled.sort(DebianVersion::compare);
    assertThat(shuffled).containsExactly("1~~", "1~~a", "1~", "1", "1a");
  }

  @Test
  void splitsEpochUpstreamRevisionAtFirstColonAndLastHyphen() {
    DebianVersion v = DebianVersion.parse("2:1.0-rc1-3+b1");
    assertThat(v.epoch()).isEqualTo(2);
    assertThat(v.upstream()).isEqualTo("1.0-rc1");
    assertThat(v.revision()).isEqualTo("3+b1");
    assertThat(v).hasToString("2:1.0-rc1-3+b1");

    DebianVersion native_ = DebianVersion.parse("1:2:3");
    assertThat(native_.epoch()).isEqualTo(1);
    assertThat(native_.upstream()).isEqualTo("2:3");
    assertThat(native_.revision()).isEmpty();
  }

  @Test
  void epochUpToIntMax() {
    assertThat(DebianVersion.parse("2147483647:1").epoch()).isEqualTo(Integer.MAX_VALUE);
    assertThatThrownBy(() -> DebianVersion.parse("2147483648:1"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("epoch in version is too big");
    assertThatThrownBy(() -> DebianVersion.compare("99999999999999999999:1", "1"))
        .hasMessageContaining("too big");
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|version string is empty",
        "'  '|version string is empty",
        "1 .0|version string has embedded spaces",
        ":1|epoch in version is empty",
        "a:1|epoch in version is empty",
        "1a:1|epoch in version is not number",
        "1.0-a:b|epoch in version is not number",
        "-1:1|epoch in version is negative",
        "1:|nothing after colon in version number",
        "1.0-|revision number is empty",
        "-1|upstream version is empty",
        "1:-1|upstream version is empty",
      })
  void refusesWhatDpkgRefuses(String text, String message) {
    assertThatThrownBy(() -> DebianVersion.parseLenient(text))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("'" + text + "'")
        .satisfies(e -> assertThat(((FormatException) e).hint()).isPresent());
    assertThatThrownBy(() -> DebianVersion.compare(text, "1")).hasMessageContaining(message);
    assertThatThrownBy(() -> DebianVersion.compare("1", text)).hasMessageContaining(message);
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a1|version number does not start with digit",
        "1.0_1|invalid character in version number",
        "1.0-a_b|invalid character in revision number",
        "1.0-a:b:c|epoch in version is not number",
        "1é|invalid character in version number",
      })
  void dpkgOnlyWarnsAboutSomeButStrictParseRefusesThem(String text, String message) {
    if (message.startsWith("epoch")) {
      assertThatThrownBy(() -> DebianVersion.parseLenient(text)).hasMessageContaining(message);
      return;
    }
    assertThat(DebianVersion.parseLenient(text)).hasToString(text);
    assertThat(DebianVersion.lint(text)).isEqualTo(message);
    assertThatThrownBy(() -> DebianVersion.parse(text)).hasMessageContaining(message);
  }

  @Test
  void lenientLikeDpkgCompareVersions() {
    // dpkg trims blanks and parses the epoch with strtol (sign allowed); strict parsing does not.
    assertThat(DebianVersion.compare(" 1.0\t", "1.0")).isZero();
    assertThat(DebianVersion.compare("+1:2", "1:2")).isZero();
    assertThat(DebianVersion.parseLenient("+1:2").epoch()).isEqualTo(1);
    assertThatThrownBy(() -> DebianVersion.parse(" 1.0")).hasMessageContaining("spaces");
    assertThatThrownBy(() -> DebianVersion.parse("+1:2")).hasMessageContaining("epoch");
    assertThat(DebianVersion.lint("1.0")).isNull();
  }

  @Test
  void nonAsciiComparesAsUtf8BytesLikeDpkg() {
    // Verified with dpkg 1.21: UTF-8 bytes sort after letters and before ASCII punctuation.
    assertThat(DebianVersion.compare("1é", "1.")).isNegative();
    assertThat(DebianVersion.compare("1é", "1z")).isPositive();
    assertThat(DebianVersion.parseLenient("1é").compareTo(DebianVersion.parseLenient("1z")))
        .isPositive();
  }

  @Test
  void equalsComparesPartsAndOrderIgnoresLeadingZeros() {
    assertThat(DebianVersion.parse("1.0-1")).isEqualTo(DebianVersion.parse("1.0-1"));
    assertThat(DebianVersion.parse("1.0-1").hashCode())
        .isEqualTo(DebianVersion.parse("1.0-1").hashCode());
    assertThat(DebianVersion.parse("1.00")).isNotEqualTo(DebianVersion.parse("1.0"));
    assertThat(DebianVersion.parse("1.00").compareTo(DebianVersion.parse("1.0"))).isZero();
  }

  @Test
  void longVersionsBeyondThePackedFastPath() {
    String big = "1." + "9".repeat(3_000_000);
    String bigger = "1." + "9".repeat(3_000_001);
    assertThat(DebianVersion.compare(big, bigger)).isNegative();
    assertThat(DebianVersion.compare(big + "-1", big)).isPositive();
  }
}
