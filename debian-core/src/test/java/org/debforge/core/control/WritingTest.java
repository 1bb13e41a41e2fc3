package org.debforge.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Views built in code are written in dpkg's field order. The golden files are the ones dpkg-source
 * and dpkg-genchanges wrote for the same package.
 */
class WritingTest {
  private static final ListedFile TAR =
      new ListedFile(
          "debforge-tiny_1.0.tar.xz",
          816,
          Map.of(
              ChecksumField.MD5, "1e2e0b00b0d1d47619353dbc51ee257c",
              ChecksumField.SHA1, "3c9a048cf26a07da3e07f75e30724a4aabae0ba9",
              ChecksumField.SHA256,
                  "2676c93ceb17ade87e6c4fb9e69254a12291976679494847e600eb60e1bb4d73"));

  @Test
  void dscBuiltInCodeMatchesDpkgSource() {
    // Deliberately out of order: toParagraph() restores dpkg-source's order.
    Paragraph p =
        Paragraph.of(
            "Version", "1.0",
            "Source", "debforge-tiny",
            "Build-Depends", "dpkg-dev (>= 1.16)",
            "Package-List", "\ndebforge-tiny deb misc optional arch=all",
            "Format", "3.0 (native)",
            "Maintainer", "Debforge Tests <tests@debforge.invalid>",
            "Architecture", "all",
            "Standards-Version", "4.6.2",
            "Binary", "debforge-tiny");
    FileLists.write(p, List.of(TAR), FileLists.SOURCE_FIELDS);
    Dsc dsc = new Dsc(p);
    assertThat(dsc.toString()).isEqualTo(Fixtures.text("tiny/debforge-tiny_1.0.dsc"));
  }

  @Test
  void changesBuiltInCodeMatchesDpkgGenchanges() {
    Changes real = Changes.read(Fixtures.path("tiny/debforge-tiny_1.0_amd64.changes"));
    Paragraph p = new Paragraph();
    for (int i = real.paragraph().size() - 1; i >= 0; i--) {
      Field f = real.paragraph().fields().get(i);
      if (!f.name().equals("Files") && !f.name().startsWith("Checksums-")) {
        p.set(f.name(), f.value());
      }
    }
    FileLists.write(p, real.files(), FileLists.SOURCE_FIELDS);
    assertThat(new Changes(p).toString())
        .isEqualTo(Fixtures.text("tiny/debforge-tiny_1.0_amd64.changes"));
  }

  @Test
  void buildInfoAndControlRoundTrip() {
    BuildInfo b = BuildInfo.read(Fixtures.path("tiny/debforge-tiny_1.0_amd64.buildinfo"));
    assertThat(b.toString()).isEqualTo(Fixtures.text("tiny/debforge-tiny_1.0_amd64.buildinfo"));
    DebianControl hello = DebianControl.read(Fixtures.path("hello/control"));
    assertThat(hello.toString()).isEqualTo(Fixtures.text("hello/control"));
  }

  @Test
  void aViewRefusesAParagraphMissingWhatDpkgNeeds() {
    Paragraph p = Paragraph.of("Format", "3.0 (native)", "Source", "x1");
    assertThatThrownBy(() -> new Dsc(p)).hasMessageContaining("field 'Architecture'");
  }
}
