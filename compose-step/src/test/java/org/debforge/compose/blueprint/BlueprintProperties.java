package org.debforge.compose.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.debforge.core.DebforgeException;

/**
 * Generated blueprints load to what was written; mutated ones fail only with a DebforgeException
 * (never a parser's own exception or a NullPointerException).
 */
class BlueprintProperties {
  static Path dir;
  static String example;

  @BeforeContainer
  static void copyExample() throws IOException {
    dir = Files.createTempDirectory("blueprint-props");
    Path ex = BlueprintLoaderTest.EXAMPLE;
    example = Files.readString(ex, StandardCharsets.UTF_8);
    Path d = dir.resolve("bookworm-minimal.d");
    Files.createDirectories(d);
    try (Stream<Path> s = Files.list(ex.resolveSibling("bookworm-minimal.d"))) {
      for (Path p : s.toList()) {
        Files.copy(p, d.resolve(p.getFileName()));
      }
    }
  }

  @AfterContainer
  static void removeCopy() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A blueprint as a test writes it: the fields the generator chose. */
  record Spec(
      String name,
      String suite,
      List<String> arches,
      List<String> packages,
      List<String> exclude,
      boolean recommends,
      List<String> users) {}

  @Provide
  Arbitrary<Spec> specs() {
    Arbitrary<String> pkg =
        Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofLength(1),
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withCharRange('0', '9')
                    .withChars('+', '.', '-')
                    .ofMinLength(1)
                    .ofMaxLength(20))
            .as(String::concat);
    Arbitrary<String> name =
        Combinators.combine(
                Arbitraries.strings().alpha().numeric().ofLength(1),
                Arbitraries.strings().alpha().numeric().withChars('.', '-').ofMaxLength(30))
            .as(String::concat);
    Arbitrary<String> user =
        Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofLength(1),
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .numeric()
                    .withChars('_', '-')
                    .ofMaxLength(20))
            .as(String::concat);
    return Combinators.combine(
            name,
            name,
            Arbitraries.of("amd64", "arm64", "i386", "riscv64", "s390x", "ppc64el")
                .list()
                .uniqueElements()
                .ofMinSize(1)
                .ofMaxSize(3),
            pkg.list().uniqueElements().ofMaxSize(8),
            pkg.list().uniqueElements().ofMaxSize(3),
            Arbitraries.of(true, false),
            user.list().uniqueElements().ofMaxSize(3))
        .as(Spec::new)
        .filter(s -> s.exclude().stream().noneMatch(s.packages()::contains));
  }

  @Property(tries = 300)
  void generatedBlueprintsLoadToWhatWasWritten(@ForAll("specs") Spec s) {
    StringBuilder y = new StringBuilder();
    y.append("name: '").append(s.name()).append("'\n");
    y.append("version: '1.%{n}'\n");
    y.append("suite: '").append(s.suite()).append("'\n");
    y.append("architectures: ").append(flow(s.arches())).append('\n');
    y.append("packages: ").append(flow(s.packages())).append('\n');
    y.append("exclude: ").append(flow(s.exclude())).append('\n');
    y.append("recommends: ").append(s.recommends()).append('\n');
    y.append("users:\n");
    s.users().forEach(u -> y.append("  - name: '").append(u).append("'\n"));
    Blueprint b = BlueprintLoader.load(write("gen.yaml", y.toString()));
    assertThat(b.name()).isEqualTo(s.name());
    assertThat(b.suite()).isEqualTo(s.suite());
    assertThat(b.architectures()).isEqualTo(s.arches());
    assertThat(b.packages(b.nativeArch())).isEqualTo(s.packages());
    assertThat(b.exclude()).isEqualTo(s.exclude());
    assertThat(b.recommends()).isEqualTo(s.recommends());
    assertThat(b.users()).extracting(UserSpec::name).isEqualTo(s.users());
  }

  /** Edits of the example: cut a span, insert YAML's special characters, swap two lines. */
  @Provide
  Arbitrary<String> mutations() {
    int n = example.length();
    Arbitrary<Integer> at = Arbitraries.integers().between(0, n);
    Arbitrary<String> junk =
        Arbitraries.strings()
            .withChars(
                ':', '-', ' ', '\n', '\t', '[', ']', '{', '}', '&', '*', '!', '|', '>', '"', '\'',
                '#', '%', '@', '`', ',', '?', '\\', '\u0000', '\u00e9')
            .ofMinLength(1)
            .ofMaxLength(6);
    Arbitrary<String> cut =
        Combinators.combine(at, Arbitraries.integers().between(1, 40))
            .as((i, len) -> example.substring(0, i) + example.substring(Math.min(n, i + len)));
    Arbitrary<String> insert =
        Combinators.combine(at, junk)
            .as((i, j) -> example.substring(0, i) + j + example.substring(i));
    List<String> lines = example.lines().toList();
    Arbitrary<String> swap =
        Combinators.combine(
                Arbitraries.integers().between(0, lines.size() - 1),
                Arbitraries.integers().between(0, lines.size() - 1))
            .as(
                (a, b) -> {
                  List<String> l = new ArrayList<>(lines);
                  String t = l.get(a);
                  l.set(a, l.get(b));
                  l.set(b, t);
                  return String.join("\n", l) + "\n";
                });
    Arbitrary<String> one = Arbitraries.oneOf(cut, insert, swap);
    // Two edits in a row reach further from valid input than one.
    return Arbitraries.oneOf(
        one,
        Combinators.combine(one, junk, at)
            .as(
                (m, j, i) -> {
                  int k = Math.min(i, m.length());
                  return m.substring(0, k) + j + m.substring(k);
                }));
  }

  @Property(tries = 1000)
  void mutatedBlueprintsFailOnlyWithDebforgeExceptions(@ForAll("mutations") String text) {
    Path f = write("bookworm-minimal.yaml", text);
    try {
      Blueprint b = BlueprintLoader.load(f);
      assertThat(b.architectures()).isNotEmpty();
    } catch (BlueprintException e) {
      assertThat(e.problems()).isNotEmpty();
      assertThat(e.problems()).allMatch(p -> p.file() != null && p.message() != null);
    } catch (DebforgeException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  private static String flow(List<String> items) {
    return "[" + String.join(", ", items.stream().map(i -> "'" + i + "'").toList()) + "]";
  }

  private static Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
