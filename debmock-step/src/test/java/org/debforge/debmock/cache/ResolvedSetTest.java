package org.debforge.debmock.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.debforge.debmock.plugin.api.ResolvedSet;
import org.junit.jupiter.api.Test;

class ResolvedSetTest {
  /** apt-get build-dep -s output from bookworm (trimmed), with the Conf lines apt also prints. */
  static final String SIMULATE =
      "NOTE: This is only a simulation!\n"
          + "Reading package lists...\n"
          + "The following NEW packages will be installed:\n"
          + "  bc debhelper\n"
          + "Inst bc (1.07.1-3+b1 Debian:12.8/stable [amd64])\n"
          + "Inst debhelper (13.11.4 Debian:12.8/stable [all])\n"
          + "Inst libc6 [2.36-9+deb12u8] (2.36-9+deb12u9 Debian:12.8/stable [amd64])\n"
          + "Inst libfoo1:i386 (1.0-1 Debian:12.8/stable [i386])\n"
          + "Conf bc (1.07.1-3+b1 Debian:12.8/stable [amd64])\n";

  @Test
  void parsesInstLinesIncludingUpgradesAndForeignArchitectures() {
    ResolvedSet s = ResolvedSet.parse(SIMULATE);
    assertThat(s.listing())
        .isEqualTo(
            "bc 1.07.1-3+b1 amd64\n"
                + "debhelper 13.11.4 all\n"
                + "libc6 2.36-9+deb12u9 amd64\n"
                + "libfoo1 1.0-1 i386\n");
  }

  @Test
  void keyIgnoresOrderButNotVersionsArchitecturesOrTheBaseRoot() {
    String base = "bookworm-amd64/abc-123";
    ResolvedSet s = ResolvedSet.parse(SIMULATE);
    java.util.List<String> lines =
        new java.util.ArrayList<>(java.util.List.of(SIMULATE.split("\n")));
    java.util.Collections.reverse(lines);
    String reversed = String.join("\n", lines);
    assertThat(ResolvedSet.parse(reversed).key(base)).isEqualTo(s.key(base));
    assertThat(s.key(base)).matches("[0-9a-f]{64}");
    assertThat(ResolvedSet.parse(SIMULATE.replace("13.11.4", "13.11.5")).key(base))
        .isNotEqualTo(s.key(base));
    assertThat(ResolvedSet.parse(SIMULATE.replace("[all]", "[amd64]")).key(base))
        .isNotEqualTo(s.key(base));
    assertThat(ResolvedSet.parse(SIMULATE.replace("Inst bc", "Inst bcx")).key(base))
        .isNotEqualTo(s.key(base));
    assertThat(s.key("bookworm-amd64/other")).isNotEqualTo(s.key(base));
  }

  @Test
  void nothingToInstallIsEmpty() {
    assertThat(ResolvedSet.parse("Reading package lists...\n0 upgraded, 0 newly installed\n"))
        .matches(ResolvedSet::isEmpty);
  }

  @Test
  void hostileNamesAreRefused() {
    assertThatThrownBy(() -> ResolvedSet.parse("Inst ../x (1 Debian [amd64])\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
