package org.debforge.core.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.debforge.core.deb.TestDebs.ar;
import static org.debforge.core.deb.TestDebs.bytes;
import static org.debforge.core.deb.TestDebs.controlTar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed .deb files: each fails with a clear INVALID_INPUT error naming what is wrong. */
class DebReaderHostileTest {
  @TempDir Path tmp;

  private Path good() {
    return TestDebs.deb(tmp.resolve("good.deb"), TestDebs.tar(TestDebs.file("./a", "x")));
  }

  private void assertInvalid(Path deb, String detail) {
    assertThatThrownBy(() -> DebArchive.read(deb))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(deb.toString())
        .hasMessageContaining(detail)
        .satisfies(
            e -> assertThat(((FormatException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @Test
  void goodPackageReads() {
    DebInfo info = DebArchive.read(good());
    assertThat(info.control().value("Package")).isEqualTo("t");
    assertThat(info.data()).extracting(TarEntry::path).containsExactly("./a");
  }

  @Test
  void notAnArArchive() throws Exception {
    Path f = Files.writeString(tmp.resolve("x.deb"), "hello, this is text\n");
    assertInvalid(f, "not a valid ar archive");
  }

  @Test
  void truncatedArchive() throws Exception {
    byte[] all = Files.readAllBytes(good());
    Path f = Files.write(tmp.resolve("cut.deb"), Arrays.copyOf(all, all.length - 700));
    assertInvalid(f, "is truncated");
  }

  @Test
  void missingDebianBinary() {
    Path f = ar(tmp.resolve("m.deb"), "control.tar", controlTar(), "data.tar", new byte[1024]);
    assertInvalid(f, "where 'debian-binary' must come first");
  }

  @Test
  void unsupportedFormatVersion() {
    Path f = ar(tmp.resolve("v.deb"), "debian-binary", bytes("3.0\n"), "control.tar", controlTar());
    assertInvalid(f, "format version 3.0");
    Path g = ar(tmp.resolve("w.deb"), "debian-binary", bytes("2.0"), "control.tar", controlTar());
    assertInvalid(g, "no newline");
  }

  @Test
  void dataBeforeControl() {
    Path f =
        ar(
            tmp.resolve("o.deb"),
            "debian-binary",
            bytes("2.0\n"),
            "data.tar",
            new byte[1024],
            "control.tar",
            controlTar());
    assertInvalid(f, "premature member 'data.tar' before 'control.tar'");
  }

  @Test
  void underscoreMembersAreIgnoredLikeDpkg() {
    Path f =
        ar(
            tmp.resolve("u.deb"),
            "debian-binary",
            bytes("2.1\n"),
            "_gpgorigin",
            bytes("sig"),
            "control.tar",
            controlTar(),
            "_extra",
            bytes("x"),
            "data.tar",
            TestDebs.tar(TestDebs.file("./a", "x")));
    DebInfo info = DebArchive.read(f);
    assertThat(info.formatVersion()).isEqualTo("2.1");
    assertThat(info.data()).hasSize(1);
  }

  @Test
  void unknownCompression() {
    Path f =
        ar(tmp.resolve("c.deb"), "debian-binary", bytes("2.0\n"), "control.tar.lz4", controlTar());
    assertInvalid(f, "unknown compression for member 'control.tar.lz4'");
    Path g =
        ar(
            tmp.resolve("d.deb"),
            "debian-binary",
            bytes("2.0\n"),
            "control.tar",
            controlTar(),
            "data.tar.rar",
            new byte[10]);
    assertInvalid(g, "unknown compression for member 'data.tar.rar'");
  }

  @Test
  void corruptCompressedMember() {
    Path f =
        ar(
            tmp.resolve("z.deb"),
            "debian-binary",
            bytes("2.0\n"),
            "control.tar.xz",
            bytes("not xz at all"));
    assertThatThrownBy(() -> DebArchive.read(f))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("control.tar.xz");
  }

  @Test
  void bogusMemberSize() throws Exception {
    byte[] all = Files.readAllBytes(good());
    String s = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
    // Claim the control member is far larger than the file.
    int at = s.indexOf("control.tar") + 48;
    byte[] huge = "99999999  ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(huge, 0, all, at, huge.length);
    Path f = Files.write(tmp.resolve("size.deb"), all);
    assertThatThrownBy(() -> DebArchive.read(f)).isInstanceOf(FormatException.class);
    byte[] letters = "12ab34    ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(letters, 0, all, at, letters.length);
    Path g = Files.write(tmp.resolve("letters.deb"), all);
    assertThatThrownBy(() -> DebArchive.read(g)).isInstanceOf(FormatException.class);
  }

  @Test
  void controlTarWithDotDotIsUnsafe() {
    Path f =
        ar(
            tmp.resolve("dd.deb"),
            "debian-binary",
            bytes("2.0\n"),
            "control.tar",
            TestDebs.tar(TestDebs.file("./../control", TestDebs.CONTROL)),
            "data.tar",
            new byte[1024]);
    assertThatThrownBy(() -> DebArchive.read(f))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("member 'control.tar' entry './../control'")
        .satisfies(e -> assertThat(((FormatException) e).kind()).isEqualTo(ErrorKind.UNSAFE_INPUT));
  }

  @Test
  void missingControlFile() {
    Path f =
        ar(
            tmp.resolve("nc.deb"),
            "debian-binary",
            bytes("2.0\n"),
            "control.tar",
            TestDebs.tar(TestDebs.file("./md5sums", "")),
            "data.tar",
            new byte[1024]);
    assertThat(DpkgDebInfo.format(DebArchive.info(f)))
        .endsWith("(no 'control' file in control archive!)\n");
    assertThatThrownBy(() -> DebArchive.control(f)).hasMessageContaining("no 'control' file");
  }
}
