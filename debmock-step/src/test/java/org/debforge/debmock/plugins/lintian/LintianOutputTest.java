package org.debforge.debmock.plugins.lintian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.debforge.debmock.plugins.lintian.LintianOutput.Finding;
import org.debforge.debmock.plugins.qa.Golden;
import org.debforge.debmock.plugins.qa.JunitCase;
import org.debforge.debmock.plugins.qa.JunitCase.Result;
import org.debforge.debmock.plugins.qa.JunitXml;
import org.junit.jupiter.api.Test;

/** lintian's EWI lines, including what a package's own file names can make of them. */
class LintianOutputTest {
  static final String CLS = "debmock.qa.lintian.hello.amd64";

  static final String OUTPUT =
      String.join(
          "\n",
          "E: hello: copyright-file-contains-full-gpl-license",
          "W: hello source: ancient-standards-version 3.9.8 (released 2016-05-04) (current is"
              + " 4.6.2)",
          "W: hello: spelling-error-in-binary hte the [usr/bin/hello]",
          "W: hello: spelling-error-in-binary teh the [usr/bin/hello]",
          "I: hello: hardening-no-fortify-functions [usr/bin/hello]",
          "E: hello changes: bad-distribution-in-changes-file unstable\r",
          "E: hello: file-name <b>&\"x\"</b> \u0001 [usr/share/doc/hello/<weird \uD800 name>]",
          "N: This is a note: not a finding",
          "running with root privileges is not recommended!",
          "warning: E: hello: looks-like-a-tag but is lintian's own warning",
          "E: Hello: upper-case-package-is-not-lintian",
          "W: hello:missing-space",
          "",
          "E: libfoo1.2 udeb: some-tag");

  @Test
  void parsesFindingsAndIgnoresOtherLines() {
    List<Finding> f = LintianOutput.parse(OUTPUT);
    assertThat(f)
        .extracting(Finding::tag)
        .containsExactly(
            "copyright-file-contains-full-gpl-license",
            "ancient-standards-version",
            "spelling-error-in-binary",
            "spelling-error-in-binary",
            "hardening-no-fortify-functions",
            "bad-distribution-in-changes-file",
            "file-name",
            "some-tag");
    assertThat(f.get(1).type()).isEqualTo("source");
    assertThat(f.get(1).info()).startsWith("3.9.8 (released");
    assertThat(f.get(5).info()).isEqualTo("unstable");
    assertThat(f.get(6).info()).contains("<b>&\"x\"</b>");
    assertThat(f.get(7).pkg()).isEqualTo("libfoo1.2");
    assertThat(f.get(7).type()).isEqualTo("udeb");
  }

  @Test
  void oneCasePerPackageAndTagErrorsFail() throws Exception {
    List<JunitCase> cases = LintianOutput.cases(CLS, LintianOutput.parse(OUTPUT), false);
    assertThat(cases)
        .extracting(JunitCase::name)
        .containsExactly(
            "hello: copyright-file-contains-full-gpl-license",
            "hello source: ancient-standards-version",
            "hello: spelling-error-in-binary",
            "hello: hardening-no-fortify-functions",
            "hello changes: bad-distribution-in-changes-file",
            "hello: file-name",
            "libfoo1.2 udeb: some-tag");
    assertThat(cases)
        .extracting(JunitCase::result)
        .containsExactly(
            Result.FAILED,
            Result.PASSED,
            Result.PASSED,
            Result.PASSED,
            Result.FAILED,
            Result.FAILED,
            Result.FAILED);
    assertThat(cases.get(2).detail()).contains("hte the", "teh the");
    Golden.assertMatches(JunitXml.render("debmock.qa.lintian", cases), "lintian/junit.golden.xml");
  }

  @Test
  void warningsFailWhenAskedInfoNever() {
    List<JunitCase> cases = LintianOutput.cases(CLS, LintianOutput.parse(OUTPUT), true);
    assertThat(cases.get(2).result()).isEqualTo(Result.FAILED);
    assertThat(cases.get(2).message()).isEqualTo("warning: spelling-error-in-binary (2 times)");
    assertThat(cases.get(3).result()).isEqualTo(Result.PASSED);
  }

  @Test
  void cleanOutputStillGivesOnePassingCase() {
    List<JunitCase> cases =
        LintianOutput.cases(CLS, LintianOutput.parse("N: a note\nwarning: not a finding\n"), true);
    assertThat(cases).singleElement().extracting(JunitCase::result).isEqualTo(Result.PASSED);
  }
}
