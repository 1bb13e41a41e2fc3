package org.debforge.core.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.debforge.core.deb.TestDebs.dir;
import static org.debforge.core.deb.TestDebs.file;
import static org.debforge.core.deb.TestDebs.link;
import static org.debforge.core.deb.TestDebs.special;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebExtractorTest {
  @TempDir Path tmp;

  private Path deb(TestDebs.Item... items) {
    return TestDebs.deb(tmp.resolve("p.deb"), TestDebs.tar(items));
  }

  /** Refused, UNSAFE_INPUT naming member and entry, and nothing left on disk. */
  private void assertRefused(Path deb, String entry, String why) throws Exception {
    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> DebExtractor.extract(deb, out, DebExtractor.Options.DEFAULT))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("member 'data.tar' entry '" + entry + "'")
        .hasMessageContaining(why)
        .satisfies(e -> assertThat(((FormatException) e).kind()).isEqualTo(ErrorKind.UNSAFE_INPUT));
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("p.deb");
    }
  }

  @Test
  void extractsModesSymlinksAndHardLinks() throws Exception {
    TarArchiveEntry suid = new TarArchiveEntry("./usr/bin/su", true);
    suid.setMode(04755);
    suid.setSize(2);
    Path deb =
        deb(
            dir("./"),
            dir("./usr/"),
            dir("./usr/bin/"),
            new TestDebs.Item(suid, TestDebs.bytes("#!")),
            file("./usr/bin/tool", "abc"),
            link("./usr/bin/sym", TarArchiveEntry.LF_SYMLINK, "tool"),
            link("./usr/bin/hard", TarArchiveEntry.LF_LINK, "./usr/bin/tool"));
    DebExtractor.Result r =
        DebExtractor.extract(deb, tmp.resolve("out"), DebExtractor.Options.DEFAULT);
    Path bin = tmp.resolve("out/usr/bin");
    assertThat(r.entries()).isEqualTo(7);
    assertThat(Files.readString(bin.resolve("tool"))).isEqualTo("abc");
    assertThat(Files.getAttribute(bin.resolve("su"), "unix:mode")).isEqualTo(0100000 | 04755);
    assertThat(Files.readSymbolicLink(bin.resolve("sym"))).isEqualTo(Path.of("tool"));
    assertThat(Files.getAttribute(bin.resolve("hard"), "unix:ino"))
        .isEqualTo(Files.getAttribute(bin.resolve("tool"), "unix:ino"));
  }

  @Test
  void refusesDotDot() throws Exception {
    assertRefused(deb(file("./../evil", "x")), "./../evil", "'..'");
  }

  @Test
  void refusesAbsolutePath() throws Exception {
    assertRefused(deb(dir("./"), file("/etc/evil", "x")), "/etc/evil", "absolute path");
  }

  @Test
  void refusesWritingThroughSymlink() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path d =
        deb(
            link("./escape", TarArchiveEntry.LF_SYMLINK, outside.toString()),
            file("./escape/pwned", "x"));
    Files.delete(outside);
    assertRefused(d, "./escape/pwned", "through symlink 'escape'");
  }

  @Test
  void refusesHardLinkOutsideTree() throws Exception {
    assertRefused(
        deb(link("./passwd", TarArchiveEntry.LF_LINK, "/etc/passwd")), "/etc/passwd", "absolute");
  }

  @Test
  void refusesDeviceNodesAndFifosUnlessSkipped() throws Exception {
    Path d =
        deb(
            dir("./"),
            special("./dev/null", TarArchiveEntry.LF_CHR),
            special("./fifo", TarArchiveEntry.LF_FIFO));
    assertRefused(d, "./dev/null", "character device");
    DebExtractor.Result r =
        DebExtractor.extract(d, tmp.resolve("out"), new DebExtractor.Options(true));
    assertThat(r.skipped()).containsExactly("./dev/null", "./fifo");
    assertThat(Files.exists(tmp.resolve("out/fifo"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void refusesNonEmptyTarget() throws Exception {
    Path d = deb(file("./a", "x"));
    Files.createDirectories(tmp.resolve("out"));
    Files.writeString(tmp.resolve("out/keep"), "mine");
    assertThatThrownBy(
            () -> DebExtractor.extract(d, tmp.resolve("out"), DebExtractor.Options.DEFAULT))
        .hasMessageContaining("not empty");
    assertThat(Files.readString(tmp.resolve("out/keep"))).isEqualTo("mine");
  }
}
