package org.debforge.compose.repoclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our closure check against dose-distcheck on the same indexes. */
class RepoClosureTest {
  @TempDir Path tmp;
  final StringWriter log = new StringWriter();

  Path index(String text) throws Exception {
    Path p = tmp.resolve("Packages");
    Files.writeString(p, text);
    return p;
  }

  static final String CLOSED =
      """
      Package: a
      Version: 1
      Architecture: amd64
      Depends: b (>= 1), c | mta
      Pre-Depends: libc6

      Package: b
      Version: 1:0.5
      Architecture: all

      Package: exim
      Version: 4
      Architecture: amd64
      Provides: mta, libc6 (= 2.36)

      """;

  static final String BROKEN =
      """
      Package: a
      Version: 1
      Architecture: amd64
      Depends: b (>= 2), c | d

      Package: b
      Version: 1
      Architecture: all

      Package: e
      Version: 1
      Architecture: amd64
      Depends: v (>= 1)

      Package: f
      Version: 1.0
      Architecture: amd64
      Provides: v (= 1)
      Pre-Depends: a

      Package: g
      Version: 1
      Architecture: amd64
      Depends: v

      """;

  @Test
  void aClosedSetPassesBothChecks() throws Exception {
    RepoClosure.Report r = RepoClosure.check(index(CLOSED), "amd64", new PrintWriter(log, true));
    assertThat(r.ours()).isEmpty();
    assertThat(r.dose()).isEmpty();
    assertThat(log.toString()).contains("dose-distcheck");
  }

  @Test
  void brokenChainsAreFoundByBothAlikeAndFailTheCheck() throws Exception {
    Path p = index(BROKEN);
    assertThat(
            ClosureCheck.check(
                    org.debforge.core.repo.IndexReader.packages(p).stream()
                        .map(b -> b.paragraph())
                        .toList())
                .keySet())
        .containsExactly("a 1 amd64", "e 1 amd64", "f 1.0 amd64", "g 1 amd64");
    assertThat(DoseDistcheck.broken(p, "amd64", new PrintWriter(log, true)))
        .containsExactly("a 1 amd64", "e 1 amd64", "f 1.0 amd64", "g 1 amd64");
    assertThatThrownBy(() -> RepoClosure.check(p, "amd64", new PrintWriter(log, true)))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED))
        .hasMessageContaining("dose-distcheck agrees")
        .hasMessageContaining("b (>= 2)");
  }

  @Test
  void aConflictOnlyDoseWeighsIsADisagreement() throws Exception {
    // Our check ignores Conflicts (the resolver never leaves one); dose-distcheck does not. A set
    // where it matters must fail loudly, not pass on our word.
    Path p =
        index(
            """
            Package: a
            Version: 1
            Architecture: amd64
            Depends: b
            Conflicts: b

            Package: b
            Version: 1
            Architecture: amd64

            """);
    assertThatThrownBy(() -> RepoClosure.check(p, "amd64", new PrintWriter(log, true)))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("disagree")
        .hasMessageContaining("only dose-distcheck finds [a 1 amd64]");
  }

  @Test
  void aMalformedRelationNamesTheFileAndField() throws Exception {
    Path p = index("Package: a\nVersion: 1\nArchitecture: amd64\nDepends: b (>> \n\n");
    assertThatThrownBy(() -> RepoClosure.check(p, "amd64", new PrintWriter(log, true)))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("Depends");
  }

  @Test
  void anUnexpectedDoseReportIsAToolFailure() {
    assertThat(
            DoseDistcheck.parse("report:\n -\n  package: a\n  version: 1\n  architecture: all\n"))
        .containsExactly("a 1 all");
    assertThatThrownBy(() -> DoseDistcheck.parse("report:\n -\n  package: a\n  status: broken\n"))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TOOL_FAILED));
  }
}
