package org.debforge.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Deb822Test {
  @TempDir Path tmp;

  static FormatException failure(String text, Deb822.Options options) {
    try {
      Deb822.parse(text, "t", options);
    } catch (FormatException e) {
      return e;
    }
    throw new AssertionError("expected a FormatException for: " + text);
  }

  @Test
  void continuationLinesKeepTheirIndentAndDotLines() {
    Paragraph p = Deb822.parseOne("Package: a\nDescription: short\n long\n .\n  indented\n", "t");
    assertThat(p.value("Description")).isEqualTo("short\n long\n .\n  indented");
    assertThat(p.field("description").orElseThrow().line()).isEqualTo(2);
  }

  @Test
  void namesAreCaseInsensitiveAndKeepTheirSpelling() {
    Paragraph p = Deb822.parseOne("pAckage: a\n", "t");
    assertThat(p.value("PACKAGE")).isEqualTo("a");
    assertThat(p.fields().get(0).name()).isEqualTo("pAckage");
    p.set("package", "b");
    assertThat(p.toString()).isEqualTo("pAckage: b\n");
  }

  @Test
  void toMapKeepsFieldOrderAndSpelling() {
    Paragraph p = Deb822.parseOne("Package: a\nversion: 1\nDescription: x\n y\n", "t");
    assertThat(p.toMap())
        .containsExactly(
            java.util.Map.entry("Package", "a"),
            java.util.Map.entry("version", "1"),
            java.util.Map.entry("Description", "x\n y"));
  }

  @Test
  void whitespaceOnlyLinesSeparateParagraphsAsInHashCore() {
    List<Paragraph> ps = Deb822.parse("A: 1\n \t \nB: 2\n\n\n\nC: 3", "t");
    assertThat(ps).hasSize(3);
    assertThat(ps.get(1).line()).isEqualTo(3);
    assertThat(ps.get(2).line()).isEqualTo(7);
  }

  @Test
  void crlfAndMissingFinalNewline() {
    List<Paragraph> ps = Deb822.parse("A: 1\r\nB: x\r\n y\r\n\r\nC: 3", "t");
    assertThat(ps).hasSize(2);
    assertThat(ps.get(0).value("B")).isEqualTo("x\n y");
    assertThat(ps.get(1).value("C")).isEqualTo("3");
  }

  @Test
  void spacesBeforeTheColonAreToleratedLikeDpkg() {
    Paragraph p = Deb822.parseOne("Package : a\nVersion:1\n", "t");
    assertThat(p.value("Package")).isEqualTo("a");
    assertThat(p.value("Version")).isEqualTo("1");
  }

  @Test
  void commentsOnlyInControlFilesEvenBetweenContinuations() {
    String text = "# head\nSource: a\nBuild-Depends: x,\n# dropped\n y\n";
    Paragraph p = Deb822.parse(text, "t", Deb822.Options.CONTROL_FILE).get(0);
    assertThat(p.value("Build-Depends")).isEqualTo("x,\n y");
    FormatException e = failure(text, Deb822.Options.STRICT);
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.getMessage()).contains("comment");
    assertThat(failure("A: 1\n#B: 2\n", Deb822.Options.STRICT).line()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "A: 1\\nA: 2\\n|2|duplicate field (first at line 1)",
        "A: 1\\na: 2\\n|2|duplicate field",
        "' x\\nA: 1\\n'|1|continuation line outside a field",
        "A: 1\\n\\n cont\\n|3|continuation line outside a field",
        "A: 1\\nno colon here\\n|2|expected 'Field: value'",
        "A: 1\\n: v\\n|2|empty field name",
        "A: 1\\n-B: v\\n|2|starts with '-'",
        "A: 1\\nB c: v\\n|2|invalid field name",
        "A: 1\\nNäme: v\\n|2|invalid field name",
        "A: 1\\nB: 2\\nC\\u0000: 3\\n|3|NUL byte",
      })
  void malformedInputIsLocated(String text, int line, String detail) {
    String t = text.replace("\\n", "\n").replace("\\u0000", "\0");
    FormatException e = failure(t, Deb822.Options.STRICT);
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.detail()).contains(detail);
    assertThat(e.getMessage()).startsWith("t:" + line + ": error: ");
    assertThat(e.hint()).isPresent();
  }

  @Test
  void invalidUtf8IsLocatedAtItsLine() throws Exception {
    Path f = tmp.resolve("bad");
    byte[] head = "A: 1\nB: 2\nC: ".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[head.length + 2];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xe9; // Latin-1 é
    bytes[head.length + 1] = '\n';
    Files.write(f, bytes);
    assertThatThrownBy(() -> Deb822.read(f))
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.detail()).contains("UTF-8");
            });
  }

  @Test
  void missingFileIsNotFound() {
    assertThatThrownBy(() -> Deb822.read(tmp.resolve("nope")))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void parseOneRefusesTwoParagraphsAndNone() {
    assertThat(catchLine(() -> Deb822.parseOne("A: 1\n\nB: 2\n", "t"))).isEqualTo(3);
    assertThatThrownBy(() -> Deb822.parseOne("\n \n", "t"))
        .hasMessageContaining("no paragraph found");
  }

  static int catchLine(Runnable r) {
    try {
      r.run();
    } catch (FormatException e) {
      return e.line();
    }
    throw new AssertionError("no FormatException");
  }

  private static final String SIGNED =
      "\n-----BEGIN PGP SIGNED MESSAGE-----\r\n"
          + "Hash: SHA256\n"
          + "\n"
          + "Source: a\n"
          + "Description: x\n"
          + "- Extra: dash-escaped\n"
          + "\n"
          + "-----BEGIN PGP SIGNATURE-----\n"
          + "\n"
          + "iQEzBAEBCAAdFiEE\n"
          + "-----END PGP SIGNATURE-----\n";

  @Test
  void clearsignedTextIsUnwrappedWithLineNumbersOfTheFile() {
    Paragraph p = Deb822.parseOne(SIGNED, "t");
    assertThat(p.line()).isEqualTo(5);
    assertThat(p.value("Extra")).isEqualTo("dash-escaped");
    // Errors inside the signed part point at the line of the file, not of the body.
    String bad = SIGNED.replace("Description: x", "Description x");
    assertThat(catchLine(() -> Deb822.parse(bad, "t"))).isEqualTo(6);
  }

  @Test
  void truncatedOrTamperedArmorIsRefused() {
    String noEnd = SIGNED.substring(0, SIGNED.indexOf("-----END"));
    assertThatThrownBy(() -> Deb822.parse(noEnd, "t"))
        .hasMessageContaining("unfinished OpenPGP signature");
    String noSig = SIGNED.substring(0, SIGNED.indexOf("-----BEGIN PGP SIGNATURE"));
    assertThatThrownBy(() -> Deb822.parse(noSig, "t"))
        .hasMessageContaining("truncated OpenPGP clearsigned message");
    assertThatThrownBy(() -> Deb822.parse(SIGNED.substring(0, SIGNED.indexOf("Hash") + 13), "t"))
        .hasMessageContaining("no blank line after the headers");
    assertThatThrownBy(() -> Deb822.parse(SIGNED + "Injected: yes\n", "t"))
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT);
              assertThat(e.line()).isEqualTo(13);
            });
    String unescaped = SIGNED.replace("- Extra", "-Extra");
    assertThat(catchLine(() -> Deb822.parse(unescaped, "t"))).isEqualTo(7);
    String signedAfterFields = "A: 1\n" + SIGNED.strip();
    assertThatThrownBy(() -> Deb822.parse(signedAfterFields, "t"))
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.hint()).contains("OpenPGP armor is only allowed around the whole file");
            });
  }

  @Test
  void writerDefusesValuesThatWouldInjectFieldsOrParagraphs() {
    Paragraph p = Paragraph.of("A", "x\nInjected: yes\n\nB: 2\n   \n.", "C", "  padded  ");
    String text = p.toString();
    assertThat(text).isEqualTo("A: x\n Injected: yes\n .\n B: 2\n .\n .\nC: padded\n");
    List<Paragraph> back = Deb822.parse(text, "t");
    assertThat(back).hasSize(1);
    assertThat(back.get(0).fields()).extracting(Field::name).containsExactly("A", "C");
  }

  @Test
  void canonicalInputRoundTripsByteForByte() throws Exception {
    for (String name :
        List.of(
            "tiny/debforge-tiny_1.0.dsc",
            "tiny/debforge-tiny_1.0_amd64.changes",
            "tiny/debforge-tiny_1.0_amd64.buildinfo")) {
      String text = Fixtures.text(name);
      assertThat(Deb822.write(Deb822.parse(text, name))).as(name).isEqualTo(text);
    }
    String hello = Fixtures.text("hello/control");
    assertThat(Deb822.write(Deb822.parse(hello, "control", Deb822.Options.CONTROL_FILE)))
        .isEqualTo(hello);
  }

  @Test
  void aHugeLineIsParsedWithoutCopyingItIntoErrorMessages() {
    String big = "x".repeat(20_000_000);
    Paragraph p = Deb822.parseOne("A: " + big + "\n", "t");
    assertThat(p.value("A")).hasSize(big.length());
    FormatException e = failure("A: 1\n" + big + "\n", Deb822.Options.STRICT);
    assertThat(e.getMessage().length()).isLessThan(200);
    assertThat(e.line()).isEqualTo(2);
  }
}
