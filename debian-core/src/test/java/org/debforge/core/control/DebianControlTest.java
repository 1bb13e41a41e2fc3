package org.debforge.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.debforge.core.FormatException;
import org.junit.jupiter.api.Test;

class DebianControlTest {
  @Test
  void readsHello() {
    DebianControl c = DebianControl.read(Fixtures.path("hello/control"));
    assertThat(c.source()).isEqualTo("hello");
    assertThat(c.buildDepends()).contains("debhelper-compat (= 13), help2man, texinfo");
    assertThat(c.rulesRequiresRoot()).contains("no");
    assertThat(c.binaries()).hasSize(1);
    DebianControl.Binary b = c.binaries().get(0);
    assertThat(b.packageName()).isEqualTo("hello");
    assertThat(b.architecture()).containsExactly("any");
    assertThat(b.section()).contains("devel"); // inherited from the source paragraph
    assertThat(b.priority()).contains("optional");
    assertThat(b.depends()).contains("${misc:Depends}, ${shlibs:Depends}");
    assertThat(b.description().orElseThrow()).startsWith("example package based on GNU hello\n");
  }

  @Test
  void commentsAreDroppedEvenInsideAField() {
    DebianControl c = DebianControl.read(Fixtures.path("tiny/control"));
    assertThat(c.sourceParagraph().has("# A comment dpkg-source drops.")).isFalse();
    assertThat(c.buildDepends()).contains("dpkg-dev (>= 1.16)");
    assertThat(c.binaries().get(0).architecture()).containsExactly("all");
  }

  @Test
  void structuralErrorsNameTheLine() {
    assertThat(line("Package: pa\nArchitecture: any\n")).isEqualTo(1);
    assertThat(line("Source: src\nMaintainer: m\n")).isEqualTo(1);
    assertThat(line("Source: src\nMaintainer: m\n\nPackage: pb\n")).isEqualTo(4);
    assertThat(
            line(
                "Source: src\nMaintainer: m\n\nPackage: pb\nArchitecture: all\n\n"
                    + "Package: pb\nArchitecture: any\n"))
        .isEqualTo(7);
    assertThatThrownBy(() -> DebianControl.parse("# only\n", "control"))
        .hasMessageContaining("empty debian/control");
  }

  private static int line(String text) {
    try {
      DebianControl.parse(text, "control");
    } catch (FormatException e) {
      return e.line();
    }
    throw new AssertionError("accepted");
  }
}
