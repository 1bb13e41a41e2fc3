package org.debforge.compose.boottest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitReportTest {
  @TempDir Path dir;

  @Test
  void aFailedBootCarriesItsSerialConsoleAndTheXmlParses() throws Exception {
    Path serial = dir.resolve("serial.log");
    // A real console holds escape sequences, CR LF and characters XML must escape.
    Files.writeString(serial, "\u001b[0;32m  OK  \u001b[0m Started <getty> & more\r\nlogin:\r\n");
    Path out = dir.resolve("logs/test-results.xml");
    JUnitReport.write(
        out,
        "mini-12-20261203.0",
        List.of(
            new JUnitReport.Case(
                "boot amd64",
                "tumbi-assembler.test.mini",
                new BootResult(
                    false, 600.04, Optional.of("no line with the marker 'OK\"'"), serial)),
            new JUnitReport.Case(
                "boot arm64",
                "tumbi-assembler.test.mini",
                new BootResult(true, 95.5, Optional.empty(), serial))));
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
    Element suite = d.getDocumentElement();
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("time")).isEqualTo("695.5");
    Element failure = (Element) d.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("no line with the marker 'OK\"'");
    assertThat(d.getElementsByTagName("system-out").item(0).getTextContent())
        .contains("Started <getty> & more\nlogin:");
    assertThat(d.getElementsByTagName("testcase"))
        .satisfies(n -> assertThat(n.getLength()).isEqualTo(2));
    try (var s = Files.list(out.getParent())) {
      assertThat(s).containsExactly(out);
    }
  }

  @Test
  void theMarkerCountsOnlyOnACompleteLine() {
    assertThat(QemuBoot.holds("a\r\nBOOT-OK", "BOOT-OK")).isFalse();
    assertThat(QemuBoot.holds("a\r\nunit[1]: BOOT-OK\r\n", "BOOT-OK")).isTrue();
  }
}
