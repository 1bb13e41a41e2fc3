package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.debforge.cli.exit.ExitCodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QA plugins in real builds: lintian (on the host) and piuparts (over the base root) on
 * Debian's hello 2.10-3, and autopkgtest (chroot virt server on a throw-away overlay root) on a
 * tiny package whose debian/tests hold one passing and one failing test. Minutes each.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class QaPluginsBuildTest {
  @TempDir Path dir;

  @Test
  void lintianAndPiupartsOnHello() throws Exception {
    for (String f :
        List.of(
            "hello_2.10.orig.tar.gz", "hello_2.10.orig.tar.gz.asc", "hello_2.10-3.debian.tar.xz")) {
      HelloBuildTest.fetch(f);
    }
    Path dsc = HelloBuildTest.fetch("hello_2.10-3.dsc");
    Path out = dir.resolve("out");
    var o =
        DebMockBuildTest.debMock(
            out,
            "--rebuild",
            dsc.toString(),
            // Sourceful, so lintian checks the source as an upload's .changes has it; hello is
            // clean at error and warning level, its tags are pedantic ones.
            "--source",
            "--enable-plugin=lintian",
            "--plugin-option",
            "lintian:extra_args=--pedantic",
            "--enable-plugin=piuparts");
    JsonNode r = o.result();
    JsonNode lintian = r.path("qa").path("lintian");
    JsonNode piuparts = r.path("qa").path("piuparts");
    assertThat(lintian.path("status").asText()).as(o.err() + r).isIn("passed", "failed");
    assertThat(piuparts.path("status").asText())
        .as(
            Files.exists(out.resolve("qa/piuparts.log"))
                ? Files.readString(out.resolve("qa/piuparts.log"))
                : o.err())
        .isEqualTo("passed");
    // lintian's own findings on hello, as the report shows them.
    String text = Files.readString(out.resolve("qa/lintian.txt"));
    String junit = Files.readString(out.resolve("qa/junit-lintian.xml"));
    assertThat(text)
        .contains("P: hello source: no-dep5-copyright [debian/copyright]")
        .contains("P: hello source: license-problem-gfdl-non-official-text");
    assertThat(junit)
        .contains(
            "<testcase classname=\"debmock.qa.lintian.hello.amd64\""
                + " name=\"hello source: no-dep5-copyright\"");
    for (String line : text.lines().filter(l -> l.matches("[EWIP]: hello.*")).toList()) {
      String tag = line.replaceFirst("^[EWIP]: ([^:]+): (\\S+).*", "$1: $2");
      assertThat(junit).contains("name=\"" + tag + "\"");
    }
    assertThat(lintian.path("junit").asText()).isEqualTo("qa/junit-lintian.xml");
    // piuparts: install-purge and the upgrade from bookworm's own hello, both passed.
    String pj = Files.readString(out.resolve("qa/junit-piuparts.xml"));
    assertThat(pj)
        .contains("name=\"install-purge\"", "name=\"install-upgrade-purge\"")
        .contains("failures=\"0\" errors=\"0\"");
    assertThat(out.resolve("qa/piuparts.log")).content().contains("PASS: All tests.");
    assertThat(o.code())
        .as(o.err())
        .isEqualTo(lintian.path("status").asText().equals("passed") ? 0 : ExitCodes.UNSTABLE);
  }

  @Test
  void autopkgtestOnePassingOneFailingTestMakesTheBuildUnstable() throws Exception {
    Path dsc = TinySource.make(dir, "dmqa", "true", null);
    Path tree = dir.resolve("dmqa-1.0");
    Files.createDirectories(tree.resolve("debian/tests"));
    Files.writeString(
        tree.resolve("debian/tests/control"),
        "Tests: passes\nDepends: @\n\nTests: fails\nDepends: @\n");
    Files.writeString(
        tree.resolve("debian/tests/passes"),
        "#!/bin/sh\nset -e\ntest -f /usr/share/doc/dmqa/README\necho installed\n");
    Files.writeString(
        tree.resolve("debian/tests/fails"),
        "#!/bin/sh\necho 'expected <failure> & more'\nexit 3\n");
    for (String t : List.of("passes", "fails")) {
      Files.setPosixFilePermissions(
          tree.resolve("debian/tests/" + t), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.delete(dsc);
    Process p =
        new ProcessBuilder("sh", "-c", "rm -f dmqa_1.0.tar.* && dpkg-source -b dmqa-1.0")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String srcOut = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(srcOut).isZero();

    Path out = dir.resolve("out");
    var o =
        DebMockBuildTest.debMock(out, "--rebuild", dsc.toString(), "--enable-plugin=autopkgtest");
    JsonNode r = o.result();
    Path console = out.resolve("qa/autopkgtest/console.log");
    assertThat(r.path("status").asText())
        .as(Files.exists(console) ? Files.readString(console) : o.err() + r)
        .isEqualTo("unstable");
    assertThat(o.code()).isEqualTo(ExitCodes.UNSTABLE);
    assertThat(r.path("exit_reason").asText()).isEqualTo("unstable");
    assertThat(r.path("artifacts").findValuesAsText("name")).contains("dmqa_1.0_all.deb");
    JsonNode qa = r.path("qa").path("autopkgtest");
    assertThat(qa.path("status").asText()).isEqualTo("failed");
    assertThat(qa.path("tests").asInt()).isEqualTo(2);
    assertThat(qa.path("failures").asInt()).isEqualTo(1);
    String junit = Files.readString(out.resolve("qa/junit-autopkgtest.xml"));
    assertThat(junit)
        .contains("tests=\"2\" failures=\"1\" errors=\"0\"")
        .contains("classname=\"debmock.qa.autopkgtest.dmqa.amd64\" name=\"passes\"")
        .contains("name=\"fails\"")
        .contains("<failure message=\"non-zero exit status 3\"")
        .contains("expected &lt;failure&gt; &amp; more");
    assertThat(out.resolve("qa/autopkgtest/summary")).content().contains("passes", "PASS");
    assertThat(o.out()).contains("qa autopkgtest: failed");
  }

  @Test
  void autopkgtestWithoutTestsIsSkippedNotFailed() throws Exception {
    Path dsc = TinySource.make(dir, "dmnotests", "true", null);
    Path out = dir.resolve("out");
    var o =
        DebMockBuildTest.debMock(out, "--rebuild", dsc.toString(), "--enable-plugin=autopkgtest");
    assertThat(o.code()).as(o.err()).isZero();
    JsonNode r = o.result();
    assertThat(r.path("status").asText()).isEqualTo("succeeded");
    assertThat(r.path("qa").path("autopkgtest").path("status").asText()).isEqualTo("skipped");
    assertThat(out.resolve("qa/junit-autopkgtest.xml"))
        .content()
        .contains("<skipped message=\"no debian/tests in dmnotests\"/>");
  }
}
