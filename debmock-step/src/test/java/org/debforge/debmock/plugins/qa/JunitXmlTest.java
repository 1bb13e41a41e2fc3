package org.debforge.debmock.plugins.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.debforge.debmock.plugins.qa.JunitCase.Result;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The JUnit writer: golden file, and hostile text that still gives well-formed XML. */
class JunitXmlTest {
  static final String CLS = "debmock.qa.lintian.hello.amd64";

  static final String HOSTILE =
      "<script>alert(\"x\")</script> & ]]> 'q' \u0001\u001b[31mred\u001b[0m tab\there\r\n"
          + "emoji \uD83D\uDE00 lone \uD800 end\uFFFF";

  static List<JunitCase> cases() {
    return List.of(
        JunitCase.passed(CLS, "hello: no errors", null),
        JunitCase.passed(CLS, "hello: spelling-error-in-binary", "W: hello: x"),
        JunitCase.of(CLS, HOSTILE, Result.FAILED, HOSTILE, HOSTILE + "\nsecond line"),
        JunitCase.of(CLS, "crashed", Result.ERROR, "lintian failed itself (exit 2)", null),
        JunitCase.of(CLS, "(all tests)", Result.SKIPPED, "no debian/tests in hello", null),
        new JunitCase(CLS, "timed", Result.PASSED, null, null, 12.3456));
  }

  @Test
  void golden() throws Exception {
    Golden.assertMatches(JunitXml.render("debmock.qa.lintian", cases()), "qa/junit.golden.xml");
  }

  @Test
  void hostileTextIsWellFormedAndKeepsWhatXmlCanCarry() throws Exception {
    String xml = JunitXml.render("debmock.qa.lintian", cases());
    Document d =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suite = d.getDocumentElement();
    assertThat(suite.getAttribute("tests")).isEqualTo("6");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    Element failed = (Element) suite.getElementsByTagName("testcase").item(2);
    String expected = JunitXml.clean(HOSTILE);
    assertThat(failed.getAttribute("name")).isEqualTo(expected);
    assertThat(expected)
        .contains("<script>", "]]>", "\uD83D\uDE00", "tab\there")
        .doesNotContain("\u0001", "\u001b", "\uFFFF");
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo(expected);
    assertThat(failure.getTextContent()).isEqualTo(expected + "\nsecond line");
  }
}
