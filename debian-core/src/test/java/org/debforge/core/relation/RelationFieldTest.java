package org.debforge.core.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.debforge.core.FormatException;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Field;
import org.debforge.core.control.Paragraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelationFieldTest {
  static final List<String> FIXTURES =
      List.of("gcc-12", "glibc", "systemd", "linux", "llvm-toolchain-15");

  /** Build relations of real bookworm source packages, field name and value. */
  static List<String[]> fixtureFields() throws IOException {
    List<String[]> fields = new ArrayList<>();
    for (String name : FIXTURES) {
      try (InputStream in = RelationFieldTest.class.getResourceAsStream(name + ".build-deps")) {
        Paragraph p = Deb822.parseOne(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        for (Field f : p) {
          if (f.name().startsWith("Build-")) {
            fields.add(new String[] {f.name(), f.value().strip()});
          }
        }
      }
    }
    return fields;
  }

  @Test
  void parsesAndWritesCanonicalForm() {
    RelationField r =
        RelationField.parse(
            "Build-Depends",
            "foo:any (>=1.0) [!amd64 !i386]<!nocheck> <stage1   cross>|bar (<1),\n baz [linux-any],"
                + " libc6-dev:native (> 2),");
    assertThat(r)
        .hasToString(
            "foo:any (>= 1.0) [!amd64 !i386] <!nocheck> <stage1 cross> | bar (<= 1), baz"
                + " [linux-any], libc6-dev:native (>= 2)");
    Dependency foo = r.items().get(0).alternatives().get(0);
    assertThat(foo.name()).isEqualTo("foo");
    assertThat(foo.archQualifier()).isEqualTo("any");
    assertThat(foo.relation()).isEqualTo(VersionRelation.LATER_OR_EQUAL);
    assertThat(foo.version()).isEqualTo("1.0");
    assertThat(foo.arches())
        .containsExactly(new Restriction("amd64", true), new Restriction("i386", true));
    assertThat(foo.profiles())
        .containsExactly(
            List.of(new Restriction("nocheck", true)),
            List.of(new Restriction("stage1", false), new Restriction("cross", false)));
  }

  @Test
  void reducesForHostArchAndProfiles() {
    RelationField r =
        RelationField.parse(
            "Build-Depends",
            "g++-12-multilib [amd64 i386] <!nobiarch>, x [!amd64] | y <cross>, z [i386],"
                + " libgd-dev <!stage1 !stage2>, w <stage1> <cross>");
    assertThat(r.reduce("amd64", Set.of("cross"))).hasToString("g++-12-multilib, y, libgd-dev, w");
    assertThat(r.reduce("i386", Set.of("stage1"))).hasToString("g++-12-multilib, x, z, w");
    assertThat(r.reduce("hurd-i386", Set.of("nobiarch", "stage2"))).hasToString("x");
    assertThat(r.reduce("amd64", null))
        .hasToString(
            "g++-12-multilib <!nobiarch>, y <cross>, libgd-dev <!stage1 !stage2>, w"
                + " <stage1> <cross>");
  }

  @Test
  void substvarsKeptOrRefused() {
    String text = "${misc:Depends}, ${shlibs:Depends}, foo (= ${binary:Version})";
    assertThat(RelationField.parse("Depends", text, RelationField.Options.SOURCE_CONTROL))
        .hasToString(text);
    assertThat(
            RelationField.parse("Depends", text, RelationField.Options.SOURCE_CONTROL)
                .items()
                .get(0)
                .alternatives()
                .get(0)
                .substvar())
        .isTrue();
    assertThatThrownBy(() -> RelationField.parse("Depends", text))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("field 'Depends'")
        .hasMessageContaining("${misc:Depends}")
        .satisfies(
            e ->
                assertThat(((FormatException) e).hint().orElseThrow()).contains("dpkg-gencontrol"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '"',
      value = {
        "Depends;foo (>= 1.0;unclosed '('",
        "Depends;foo [amd64;unclosed '['",
        "Build-Depends;foo <nocheck;unclosed '<'",
        "Depends;foo >= 1.0);a version constraint must be in parentheses",
        "Depends;foo (=> 1.0);bad version operator '=>'",
        "Depends;foo (~ 1.0);bad version operator ''",
        "Depends;foo (>= );missing version",
        "Depends;foo (>= 1:);nothing after colon",
        "Depends;foo | | bar;empty item or alternative",
        "Depends;foo |, bar;empty item or alternative",
        "Depends;foo,, bar;empty item or alternative",
        "Depends;foo\u00e9;unexpected 'é'",
        "Depends;foo & bar;unexpected '&'",
        "Depends;-foo;'-' where a package name should start",
        "Depends;foo [];empty architecture restriction",
        "Build-Depends;foo <>;empty build profile restriction",
        "Build-Depends;foo [amd64 !i386];mixes negated",
        "Build-Depends;foo <!nocheck> [amd64];architecture list must come before",
        "Build-Depends;foo <NoCheck>;bad build profile name",
        "Conflicts;foo | bar;alternatives ('|') are not allowed in Conflicts",
        "Provides;foo (>= 1);Provides only allows '='",
        "Depends;foo:native;':native' is only allowed in build relations",
        "Depends;foo:;expected an architecture",
        "Depends;foo);unbalanced ')'",
      })
  void malformedInputNamesFieldAndText(String field, String text, String message) {
    assertThatThrownBy(() -> RelationField.parse(field, text))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("field '" + field + "'")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((FormatException) e).hint()).isPresent());
  }

  @Test
  void emptyFieldIsEmptyRelation() {
    assertThat(RelationField.parse("Depends", "  ").items()).isEmpty();
  }

  /**
   * Every build relation of the fixtures, canonical and reduced for several hosts and profile sets,
   * against Dpkg::Deps (deps_parse with reduce_arch/reduce_profiles) in one perl run.
   */
  @Test
  void realBuildDependsAgreeWithDpkgDeps() throws Exception {
    List<String[]> fields = fixtureFields();
    assertThat(fields).hasSizeGreaterThan(5);
    String[][] hosts = {
      {"amd64", ""},
      {"armhf", "cross"},
      {"hurd-i386", "stage1"},
      {"i386", "nocheck nobiarch"},
      {"kfreebsd-amd64", "stage2 nodoc"},
      {"s390x", "pkg.gcc.nohppa"}
    };
    StringBuilder perl = new StringBuilder("use Dpkg::Deps;\n");
    List<String> ours = new ArrayList<>();
    for (String[] f : fields) {
      String q = f[1].replace("\\", "\\\\").replace("'", "\\'");
      perl.append("print deps_parse('").append(q).append("', build_dep => 1), qq{\\n};\n");
      RelationField parsed = RelationField.parse(f[0], f[1]);
      ours.add(parsed.toString());
      for (String[] h : hosts) {
        perl.append("print deps_parse('")
            .append(q)
            .append("', build_dep => 1, reduce_arch => 1, host_arch => '")
            .append(h[0])
            .append("', reduce_profiles => 1, build_profiles => [qw(")
            .append(h[1])
            .append(")]), qq{\\n};\n");
        ours.add(
            parsed
                .reduce(h[0], Set.of(h[1].isEmpty() ? new String[0] : h[1].split(" ")))
                .toString());
      }
    }
    Process p = new ProcessBuilder("perl", "-").start();
    try (var in = p.getOutputStream()) {
      in.write(perl.toString().getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    assertThat(List.of(out.split("\n", -1)).subList(0, ours.size())).isEqualTo(ours);
  }
}
