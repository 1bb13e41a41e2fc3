package org.debforge.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.debforge.core.FormatException;

class DebianVersionProperties {

  /** Few distinct tokens, so that generated versions often share prefixes and tie. */
  private static Arbitrary<String> part(String... extra) {
    List<String> tokens =
        new ArrayList<>(
            List.of("0", "00", "1", "2", "9", "10", "a", "b", "Z", ".", "+", "~", "~~"));
    tokens.addAll(List.of(extra));
    return Arbitraries.of(tokens).list().ofMinSize(0).ofMaxSize(6).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> versions() {
    Arbitrary<String> epoch = Arbitraries.of("", "", "", "0:", "1:", "2:", "10:", "01:");
    Arbitrary<String> digit = Arbitraries.of("0", "1", "2", "9", "10", "123456789012345678901");
    Arbitrary<String> revision =
        Arbitraries.oneOf(Arbitraries.just(""), part().filter(s -> !s.isEmpty()).map(s -> "-" + s));
    return Combinators.combine(epoch, digit, part("-"), revision)
        .as(
            (e, d, rest, rev) -> {
              String upstream = d + rest;
              // A hyphen in upstream needs a revision after it, or it would start the revision.
              if (rev.isEmpty() && upstream.contains("-")) {
                upstream = upstream.replace('-', '.');
              }
              if (upstream.endsWith("-")) {
                upstream = upstream + "0";
              }
              if (!e.isEmpty() && upstream.contains(":")) {
                upstream = upstream.replace(':', '.');
              }
              return e + upstream + rev;
            });
  }

  @Provide
  Arbitrary<List<String>> batches() {
    return versions().list().ofSize(1000);
  }

  @Property
  void parsesAndPrintsBack(@ForAll("versions") String v) {
    assertThat(DebianVersion.parse(v)).hasToString(v);
    assertThat(DebianVersion.lint(v)).isNull();
  }

  @Property
  void antisymmetric(@ForAll("versions") String a, @ForAll("versions") String b) {
    assertThat(Integer.signum(DebianVersion.compare(a, b)))
        .isEqualTo(-Integer.signum(DebianVersion.compare(b, a)));
    assertThat(Integer.signum(DebianVersion.parse(a).compareTo(DebianVersion.parse(b))))
        .isEqualTo(Integer.signum(DebianVersion.compare(a, b)));
  }

  @Property
  void transitive(
      @ForAll("versions") String a, @ForAll("versions") String b, @ForAll("versions") String c) {
    if (DebianVersion.compare(a, b) <= 0 && DebianVersion.compare(b, c) <= 0) {
      assertThat(DebianVersion.compare(a, c)).isLessThanOrEqualTo(0);
    }
  }

  @Property
  void reflexive(@ForAll("versions") String a) {
    assertThat(DebianVersion.compare(a, a)).isZero();
  }

  private static List<String[]> pairs(List<String> left, List<String> right) {
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < left.size(); i++) {
      pairs.add(new String[] {left.get(i), right.get(i)});
      // Near neighbours (a shared prefix) are where ordering bugs hide.
      pairs.add(new String[] {left.get(i), left.get(i) + right.get(i).replace(":", "")});
    }
    return pairs;
  }

  /** Our verdict in the oracles' terms: -1, 0, 1, or REFUSED. */
  private static int ours(String a, String b) {
    try {
      return Integer.signum(DebianVersion.compare(a, b));
    } catch (FormatException e) {
      return DpkgOracle.REFUSED;
    }
  }

  /** dpkg's code (libdpkg, in one process) on 20 batches of 2000 generated pairs. */
  @Property(tries = 20)
  void agreesWithLibdpkg(
      @ForAll("batches") List<String> left, @ForAll("batches") List<String> right) {
    List<String[]> pairs = pairs(left, right);
    int[] dpkg = DpkgOracle.libdpkg(pairs);
    for (int i = 0; i < pairs.size(); i++) {
      String[] p = pairs.get(i);
      assertThat(ours(p[0], p[1])).as("%s vs %s", p[0], p[1]).isEqualTo(dpkg[i]);
    }
  }

  /** The dpkg command itself, on a small sample (one dpkg run per comparison is slow). */
  @Property(tries = 1)
  void agreesWithDpkgCommand(
      @ForAll("batches") List<String> left, @ForAll("batches") List<String> right) {
    List<String[]> pairs = pairs(left.subList(0, 40), right.subList(0, 40));
    int[] dpkg = DpkgOracle.dpkg(pairs);
    for (int i = 0; i < pairs.size(); i++) {
      String[] p = pairs.get(i);
      assertThat(ours(p[0], p[1])).as("%s vs %s", p[0], p[1]).isEqualTo(dpkg[i]);
    }
  }

  /** Junk: any mix of version characters, blanks, signs and non-ASCII, valid or not. */
  @Provide
  Arbitrary<List<String>> junk() {
    return Arbitraries.of(
            "0", "1", "9", "a", ":", ":", "-", "-", ".", "+", "~", " ", "\t", "_", "é", "Z", "00",
            "\n")
        .list()
        .ofMinSize(0)
        .ofMaxSize(8)
        .map(l -> String.join("", l))
        .list()
        .ofSize(1000);
  }

  /** Accepting and refusing exactly what dpkg does, and ordering what it accepts alike. */
  @Property(tries = 20)
  void acceptsAndOrdersJunkLikeLibdpkg(
      @ForAll("junk") List<String> left, @ForAll("junk") List<String> right) {
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < left.size(); i++) {
      // The oracle reads tab-separated lines: keep tabs and newlines out of the pair's text.
      String a = left.get(i).replace('\n', 'n').replace('\t', ' ');
      String b = right.get(i).replace('\n', 'n').replace('\t', ' ');
      pairs.add(new String[] {a, b});
    }
    int[] dpkg = DpkgOracle.libdpkg(pairs);
    for (int i = 0; i < pairs.size(); i++) {
      String[] p = pairs.get(i);
      assertThat(ours(p[0], p[1])).as("'%s' vs '%s'", p[0], p[1]).isEqualTo(dpkg[i]);
    }
  }
}
