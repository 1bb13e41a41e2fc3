package org.debforge.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchWildcardTest {
  static final List<String> ARCHES =
      List.of(
          "amd64",
          "i386",
          "arm64",
          "armhf",
          "armel",
          "mips64el",
          "mipsel",
          "ppc64el",
          "s390x",
          "riscv64",
          "loong64",
          "alpha",
          "hppa",
          "ia64",
          "m68k",
          "powerpc",
          "ppc64",
          "sh4",
          "sparc64",
          "x32",
          "hurd-i386",
          "hurd-amd64",
          "kfreebsd-amd64",
          "kfreebsd-i386",
          "musl-linux-amd64",
          "musl-linux-armhf",
          "uclibc-linux-armel",
          "arm64ilp32",
          "powerpcspe",
          "mipsn32el",
          "freebsd-amd64",
          "linux-amd64",
          "all",
          "bogus");
  static final List<String> WILDCARDS =
      List.of(
          "any",
          "all",
          "linux-any",
          "any-amd64",
          "any-i386",
          "any-arm",
          "kfreebsd-any",
          "hurd-any",
          "musl-linux-any",
          "gnu-linux-any",
          "any-linux-any",
          "any-any-linux-any",
          "eabihf-any-any-arm",
          "base-gnu-linux-amd64",
          "amd64",
          "i386",
          "armhf",
          "any-any",
          "bsd-any",
          "gnueabihf-linux-any",
          "any-mips64el",
          "bogus-any",
          "linux-",
          "any-");

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "amd64 linux-any true",
        "amd64 any-amd64 true",
        "hurd-amd64 any-amd64 true",
        "hurd-i386 linux-any false",
        "i386 any-i386 true",
        "kfreebsd-amd64 kfreebsd-any true",
        "musl-linux-amd64 musl-linux-any true",
        "amd64 musl-linux-any false",
        "all any true",
        "all all true",
        "amd64 all false",
        "armhf any-arm true",
        "armel any-armhf false",
        "x32 any-amd64 true",
        "arm64ilp32 any-arm64 true",
      })
  void matchesLikeDpkg(String arch, String wildcard, boolean expected) {
    assertThat(ArchWildcard.matches(arch, wildcard)).isEqualTo(expected);
  }

  @Test
  void tuplesFromDpkgTables() {
    ArchTable t = ArchTable.dpkg();
    assertThat(t.tuple("armhf")).contains(new ArchTuple("eabihf", "gnu", "linux", "arm"));
    assertThat(t.tuple("hurd-i386")).contains(new ArchTuple("base", "gnu", "hurd", "i386"));
    assertThat(t.tuple("linux-amd64")).contains(ArchTuple.of("base-gnu-linux-amd64"));
    assertThat(t.name(ArchTuple.of("x32-gnu-linux-amd64"))).contains("x32");
    assertThat(t.tuple("nonesuch")).isEmpty();
    assertThat(ArchWildcard.isWildcard("linux-any")).isTrue();
    assertThat(ArchWildcard.isWildcard("amd64")).isFalse();
    assertThat(ArchWildcard.isWildcard("all")).isFalse();
  }

  /** Our table of architectures is exactly Dpkg::Arch's get_valid_arches(). */
  @Test
  void knowsEveryArchitectureDpkgKnows() throws Exception {
    String out = perl("print join(qq{\\n}, Dpkg::Arch::get_valid_arches()), qq{\\n};");
    assertThat(ArchTable.dpkg().names())
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(out.strip().split("\n")));
    assertThat(ArchTable.dpkg().names()).hasSizeGreaterThan(500);
  }

  /** Every arch x wildcard of our lists against Dpkg::Arch::debarch_is, which -i runs. */
  @Test
  void wildcardMatrixAgreesWithDpkgArch() throws Exception {
    String program =
        "for my $a (qw("
            + String.join(" ", ARCHES)
            + ")) { for my $w (qw("
            + String.join(" ", WILDCARDS)
            + ")) { print Dpkg::Arch::debarch_is($a, $w) ? 1 : 0, qq{\\n}; } }";
    String[] verdicts = perl(program).split("\n");
    List<String> disagreements = new ArrayList<>();
    int i = 0;
    for (String a : ARCHES) {
      for (String w : WILDCARDS) {
        boolean dpkg = verdicts[i++].equals("1");
        if (ArchWildcard.matches(a, w) != dpkg) {
          disagreements.add(a + " " + w + " dpkg=" + dpkg);
        }
      }
    }
    assertThat(i).isEqualTo(ARCHES.size() * WILDCARDS.size());
    assertThat(disagreements).isEmpty();
  }

  /** A sample through the dpkg-architecture command itself (-i: is, -e: equal). */
  @ParameterizedTest(name = "dpkg-architecture -a{0} -i{1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "amd64 linux-any",
        "armhf any-arm",
        "hurd-i386 any-i386",
        "hurd-i386 linux-any",
        "kfreebsd-amd64 kfreebsd-any",
        "musl-linux-arm64 musl-linux-any",
        "arm64 musl-linux-any",
        "x32 any-amd64"
      })
  void agreesWithDpkgArchitectureCommand(String arch, String wildcard) throws Exception {
    assertThat(ArchWildcard.matches(arch, wildcard))
        .isEqualTo(run("dpkg-architecture", "-a" + arch, "-i" + wildcard) == 0);
    assertThat(ArchWildcard.matches(arch, arch))
        .isEqualTo(run("dpkg-architecture", "-a" + arch, "-e" + arch) == 0);
  }

  private static int run(String... cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor();
  }

  private static String perl(String program) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("perl", "-MDpkg::Arch", "-e", program).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    return out;
  }
}
