package org.debforge.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-Arch against apt itself: amd64 native with i386 foreign, packages Multi-Arch same, foreign
 * and allowed, {@code :any} and {@code :i386} qualifiers, a Multi-Arch: same pair out of version
 * sync; each request's Inst/Remv set must equal {@code apt-get install -s}, or both refuse.
 */
@Tag("slow")
class MultiArchVsAptTest {
  static final String AMD64 =
      """
      Package: libc6
      Version: 2.36
      Architecture: amd64
      Priority: required
      Multi-Arch: same

      Package: libfoo
      Version: 1
      Architecture: amd64
      Priority: optional
      Multi-Arch: same
      Depends: libc6

      Package: make
      Version: 4
      Architecture: amd64
      Priority: optional
      Multi-Arch: foreign
      Depends: libc6

      Package: perl
      Version: 5.36
      Architecture: amd64
      Priority: standard
      Multi-Arch: allowed

      Package: python3
      Version: 3.11
      Architecture: amd64
      Priority: optional

      Package: tool
      Version: 1
      Architecture: amd64
      Priority: optional
      Depends: make, libfoo

      Package: script
      Version: 1
      Architecture: all
      Priority: optional
      Depends: perl:any

      Package: wine
      Version: 1
      Architecture: amd64
      Priority: optional
      Depends: wine64 | wine32:i386

      Package: gcc-multi
      Version: 1
      Architecture: amd64
      Priority: optional
      Depends: libc6:i386

      Package: libbar
      Version: 1
      Architecture: amd64
      Priority: optional
      Multi-Arch: same

      Package: exim
      Version: 4
      Architecture: amd64
      Priority: optional
      Multi-Arch: foreign
      Provides: mail-transport-agent

      Package: mta-user
      Version: 1
      Architecture: amd64
      Priority: optional
      Depends: mail-transport-agent

      """;

  static final String I386 =
      """
      Package: libc6
      Version: 2.36
      Architecture: i386
      Priority: required
      Multi-Arch: same

      Package: libfoo
      Version: 1
      Architecture: i386
      Priority: optional
      Multi-Arch: same
      Depends: libc6

      Package: make
      Version: 4
      Architecture: i386
      Priority: optional
      Multi-Arch: foreign
      Depends: libc6

      Package: perl
      Version: 5.36
      Architecture: i386
      Priority: standard
      Multi-Arch: allowed

      Package: tool32
      Version: 1
      Architecture: i386
      Priority: optional
      Depends: make, libfoo

      Package: script32
      Version: 1
      Architecture: i386
      Priority: optional
      Depends: perl:any

      Package: wine32
      Version: 1
      Architecture: i386
      Priority: optional
      Depends: libc6

      Package: libbar
      Version: 2
      Architecture: i386
      Priority: optional
      Multi-Arch: same

      Package: needsbar
      Version: 1
      Architecture: i386
      Priority: optional
      Depends: libbar (>= 2)

      Package: mta-user32
      Version: 1
      Architecture: i386
      Priority: optional
      Depends: mail-transport-agent

      Package: bad32
      Version: 1
      Architecture: i386
      Priority: optional
      Depends: python3

      """;

  static final String STATUS =
      """
      Package: libc6
      Status: install ok installed
      Version: 2.36
      Architecture: amd64
      Priority: required
      Multi-Arch: same

      Package: libbar
      Status: install ok installed
      Version: 1
      Architecture: amd64
      Priority: optional
      Multi-Arch: same

      """;

  @Test
  void sameAnswersAsApt(@TempDir Path dir) throws Exception {
    Path amd64 = Files.writeString(dir.resolve("Packages-amd64"), AptOracle.downloadable(AMD64));
    Path i386 = Files.writeString(dir.resolve("Packages-i386"), AptOracle.downloadable(I386));
    Path release =
        Files.writeString(
            dir.resolve("Release"),
            "Origin: debforge\nSuite: test\nArchitectures: amd64 i386\nComponents: main\n");
    AptOracle apt =
        new AptOracle(
            dir.resolve("apt"),
            "http://debforge.invalid/debian",
            "test",
            Map.of("amd64", amd64, "i386", i386),
            "amd64",
            release);
    Files.writeString(apt.status, STATUS);
    PackageUniverse universe =
        PackageUniverse.builder("amd64")
            .foreignArchitectures(List.of("i386"))
            .source(amd64)
            .source(i386)
            .status(apt.status)
            .build();
    Resolver resolver = new Resolver(universe, Resolver.Options.NO_RECOMMENDS);
    List<String> differences = new ArrayList<>();
    List<String> requests =
        List.of(
            "tool",
            "tool32:i386",
            "script",
            "script32:i386",
            "wine",
            "gcc-multi",
            "libfoo:i386",
            "make:i386",
            "needsbar:i386",
            "libbar:i386",
            "mta-user",
            "mta-user32:i386",
            "bad32:i386",
            "perl:i386");
    int equal = 0;
    for (String r : requests) {
      AptOracle.Answer a = apt.install(List.of(r));
      Resolution ours = resolver.resolve(r);
      if (a.satisfiable() == ours.satisfiable()
          && (!a.satisfiable() || a.lines().equals(AptOracle.lines(ours)))) {
        equal++;
      } else {
        differences.add(ResolverVsAptTest.describe(r, a, ours) + "\n" + a.output());
      }
    }
    System.out.println("Multi-Arch vs apt: " + requests.size() + " requests, " + equal + " equal");
    assertThat(differences).isEmpty();
  }
}
