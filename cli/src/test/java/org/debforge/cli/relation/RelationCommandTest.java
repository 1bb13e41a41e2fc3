package org.debforge.cli.relation;

import static org.assertj.core.api.Assertions.assertThat;

import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.junit.jupiter.api.Test;

class RelationCommandTest {

  static Result run(String... args) {
    return InProcess.run(null, args);
  }

  static final String TEXT =
      "libcap-dev [linux-any] <!stage2>, g++-12-multilib [amd64 i386] <!nobiarch>,"
          + " hurd-dev [hurd-i386] | hurd-headers-dev [hurd-i386], python3:native,"
          + " libgd-dev <!stage1 !stage2>";

  @Test
  void printsCanonicalAndReduced() {
    assertThat(run("relation", "parse", TEXT).out())
        .isEqualTo(
            "libcap-dev [linux-any] <!stage2>, g++-12-multilib [amd64 i386] <!nobiarch>,"
                + " hurd-dev [hurd-i386] | hurd-headers-dev [hurd-i386], python3:native,"
                + " libgd-dev <!stage1 !stage2>\n");
    assertThat(run("relation", "parse", TEXT, "--arch", "amd64", "--profiles", "stage2").out())
        .isEqualTo("g++-12-multilib, python3:native\n");
    assertThat(run("relation", "parse", TEXT, "--arch", "hurd-i386", "--profiles", "").out())
        .isEqualTo("hurd-dev | hurd-headers-dev, python3:native, libgd-dev\n");
  }

  @Test
  void jsonListsItemsAndAlternatives() {
    Result r = run("relation", "parse", "foo:any (>= 1.0) [!i386] <!nocheck> | bar", "--json");
    assertThat(r.code()).isZero();
    String flat = r.out().replaceAll("\\s+", "");
    assertThat(flat)
        .contains("\"relation\":\"foo:any(>=1.0)[!i386]<!nocheck>|bar\"")
        .contains(
            "{\"name\":\"foo\",\"archQualifier\":\"any\",\"relation\":\">=\",\"version\":\"1.0\","
                + "\"arches\":[\"!i386\"],\"profiles\":[[\"!nocheck\"]]}");
  }

  @Test
  void malformedExitsThreeWithFieldAndHint() {
    Result r = run("relation", "parse", "foo (>= 1.0");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err())
        .contains("field 'Build-Depends'")
        .contains("unclosed '('")
        .contains("hint:");
    assertThat(run("relation", "parse", "${misc:Depends}", "--field", "Depends").code())
        .isEqualTo(3);
    assertThat(
            run("relation", "parse", "${misc:Depends}", "--field", "Depends", "--substvars").out())
        .isEqualTo("${misc:Depends}\n");
  }
}
