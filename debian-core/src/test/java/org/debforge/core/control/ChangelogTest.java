package org.debforge.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The first changelog entry, compared field by field with dpkg-parsechangelog. */
class ChangelogTest {
  @TempDir Path tmp;

  /** dpkg-parsechangelog's output, read with our own deb822 parser (one process per file). */
  static Paragraph dpkgParsechangelog(Path file) throws Exception {
    Process p = new ProcessBuilder("dpkg-parsechangelog", "-l", file.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("dpkg-parsechangelog").isZero();
    return Deb822.parseOne(out, "dpkg-parsechangelog");
  }

  static void assertSameAsDpkg(Path file) throws Exception {
    Changelog c = Changelog.read(file);
    Paragraph dpkg = dpkgParsechangelog(file);
    assertThat(c.source()).isEqualTo(dpkg.value("Source"));
    assertThat(c.version()).isEqualTo(dpkg.value("Version"));
    assertThat(c.distributions()).isEqualTo(dpkg.value("Distribution"));
    assertThat(c.urgency()).isEqualTo(dpkg.value("Urgency"));
    assertThat(c.maintainer()).isEqualTo(dpkg.value("Maintainer"));
    assertThat(c.date()).isEqualTo(dpkg.value("Date"));
    assertThat(c.timestamp()).isEqualTo(Long.parseLong(dpkg.value("Timestamp")));
  }

  @Test
  void realChangelogsMatchDpkgParsechangelog() throws Exception {
    assertSameAsDpkg(Fixtures.path("hello/changelog"));
    assertSameAsDpkg(Fixtures.path("tiny/changelog"));
    Changelog hello = Changelog.read(Fixtures.path("hello/changelog"));
    assertThat(hello.timestamp()).isEqualTo(1672068600L);
    assertThat(hello.changes()).startsWith("hello (2.10-3) unstable; urgency=medium");
    assertThat(hello.changes()).doesNotContain("2.10-2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Mon, 20 May 2024 12:34:56 +0200",
        "Sun, 3 Mar 2024 01:02:03 -0930",
        "Thu, 01 Jan 1970 00:00:00 +0000",
      })
  void datesMatchDpkg(String date) throws Exception {
    Path f = tmp.resolve("changelog");
    Files.writeString(
        f,
        "pkg (1:2.0~rc1-1+b2) unstable experimental; urgency=HIGH, binary-only=yes\n\n"
            + "  * x\n\n -- A B <a@b.example>  "
            + date
            + "\n\npkg (1.0) unstable; urgency=low\n\n  * y\n\n -- A <a@b>  "
            + date
            + "\n");
    assertSameAsDpkg(f);
  }

  @Test
  void malformedEntriesAreLocated() {
    assertThat(lineOf("pkg 1.0 unstable; urgency=low\n")).isEqualTo(1);
    assertThat(lineOf("\n\npkg (1.0) unstable; urgency=low\n\n  * x\n")).isEqualTo(3);
    assertThat(lineOf("pkg (1.0) unstable; urgency=low\n\n  * x\n\n -- A <a@b>  yesterday\n"))
        .isEqualTo(5);
    assertThat(lineOf("pkg (1.0) unstable; nourgency\n")).isEqualTo(1);
    assertThatThrownBy(() -> Changelog.parse("", "changelog")).hasMessageContaining("empty");
  }

  private static int lineOf(String text) {
    try {
      Changelog.parse(text, "changelog");
    } catch (FormatException e) {
      assertThat(e.hint()).isPresent();
      return e.line();
    }
    throw new AssertionError("accepted " + List.of(text));
  }
}
