package org.debforge.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class Deb822Properties {

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .excludeChars(':')
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(n -> n.charAt(0) != '#' && n.charAt(0) != '-');
  }

  /** Values as a parser produces them: the canonical form writing must keep exactly. */
  @Provide
  Arbitrary<String> canonicalValues() {
    Arbitrary<String> word =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withChars('é', '€', '漢', '😀', ':', '\t')
            .ofMaxLength(20);
    Arbitrary<String> first = word.map(w -> trim(" " + w).substring(1));
    Arbitrary<String> cont =
        Arbitraries.oneOf(
            word.map(w -> trim(" " + w)).map(w -> w.isBlank() ? " ." : w),
            Arbitraries.just(" ."),
            word.map(w -> trim("\t" + w)).map(w -> w.isBlank() ? " ." : w));
    return Combinators.combine(first, cont.list().ofMaxSize(4))
        .as((f, rest) -> f + String.join("", rest.stream().map(r -> "\n" + r).toList()));
  }

  /** Anything, including newlines, blank lines, leading spaces, CR, colons and armor lines. */
  @Provide
  Arbitrary<String> hostileValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars('\n', '\r', ' ', '\t', ':', '#', '-', '.', 'A', 'é', '😀')
            .ofMaxLength(40),
        Arbitraries.of(
            "\n\nPackage: injected",
            "x\nInjected: yes",
            "\n-----BEGIN PGP SIGNATURE-----\n",
            "\n#comment",
            "\n \n",
            "\r\n\r\nA: b"));
  }

  private static String trim(String s) {
    int from = 0;
    while (from < s.length() && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    int to = s.length();
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    // Continuations keep their single leading blank.
    return s.startsWith(" ") || s.startsWith("\t")
        ? s.charAt(0) + s.substring(from, to)
        : s.substring(from, to);
  }

  private static Paragraph paragraph(List<String> names, List<String> values) {
    Paragraph p = new Paragraph();
    for (int i = 0; i < names.size() && i < values.size(); i++) {
      if (!p.has(names.get(i))) {
        p.set(names.get(i), values.get(i));
      }
    }
    if (p.isEmpty()) {
      p.set("Package", "x");
    }
    return p;
  }

  @Property(tries = 300)
  void parseOfWriteIsIdentityForCanonicalValues(
      @ForAll @Size(max = 8) List<@From("names") String> names,
      @ForAll @Size(max = 8) List<@From("canonicalValues") String> values) {
    Paragraph p = paragraph(names, values);
    String text = p.toString();
    Paragraph back = Deb822.parseOne(text, "t");
    assertThat(back).isEqualTo(p);
    assertThat(back.toString()).isEqualTo(text);
  }

  @Property(tries = 300)
  void hostileValuesNeverCreateFieldsOrParagraphs(
      @ForAll @Size(max = 8) List<@From("names") String> names,
      @ForAll @Size(max = 8) List<@From("hostileValues") String> values) {
    Paragraph p = paragraph(names, values);
    String text = p.toString();
    List<Paragraph> back = Deb822.parse(text, "t");
    assertThat(back).hasSize(1);
    assertThat(back.get(0).fields())
        .extracting(Field::name)
        .containsExactlyElementsOf(p.fields().stream().map(Field::name).toList());
    // Writing normalises once; after that it is a fixed point.
    assertThat(back.get(0).toString()).isEqualTo(text);
  }

  @Property(tries = 300)
  void severalParagraphsRoundTrip(
      @ForAll @Size(max = 8) List<@From("names") String> names,
      @ForAll @Size(max = 8) List<@From("canonicalValues") String> values) {
    Paragraph p = paragraph(names, values);
    String text = Deb822.write(List.of(p, p, p));
    assertThat(Deb822.parse(text, "t")).containsExactly(p, p, p);
  }
}
