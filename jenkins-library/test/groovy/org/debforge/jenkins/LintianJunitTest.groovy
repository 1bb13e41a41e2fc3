package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat

import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** The converter debMockBuild runs on the agent, run here with python3 against a golden file. */
class LintianJunitTest {
  static final File MODULE = org.debforge.jenkins.cps.CpsPipeline.MODULE
  static final File CONVERTER = new File(MODULE, 'resources/org/debforge/jenkins/lintian-junit.py')

  @TempDir
  Path tmp

  private int convert(String input, Path out, String... arch) {
    Process p = new ProcessBuilder(['python3', CONVERTER.path, out.toString()] + (arch as List)).redirectErrorStream(true).start()
    p.outputStream.withWriter('UTF-8') { it << input }
    p.inputStream.text
    return p.waitFor()
  }

  @Test
  void errorsBecomeFailuresAndTheRestAreListed() {
    Path out = tmp.resolve('lintian.xml')
    assertThat(convert(new File(MODULE, 'test/resources/lintian/hello.ewi').text, out)).isZero()
    assertThat(out.text).isEqualTo(new File(MODULE, 'test/resources/lintian/hello.xml').text)
  }

  @Test
  void anArchitectureGoesIntoEveryClassName() {
    Path out = tmp.resolve('lintian.xml')
    assertThat(convert(new File(MODULE, 'test/resources/lintian/hello.ewi').text, out, 'arm64')).isZero()
    String golden = new File(MODULE, 'test/resources/lintian/hello.xml').text
    assertThat(out.text).isEqualTo(golden.replace('classname="lintian.', 'classname="lintian.arm64.')
        .replace('<testsuite name="lintian"', '<testsuite name="lintian.arm64"'))
    assertThat(out.text).doesNotContain('classname="lintian.hello"')
  }

  @Test
  void cleanPackageStillGivesAReport() {
    Path out = tmp.resolve('lintian.xml')
    assertThat(convert('', out)).isZero()
    assertThat(out.text).contains('tests="0" failures="0"').contains('<testcase classname="lintian" name="clean"/>')
  }

  @Test
  void wrongUsageExitsTwo() {
    Process p = new ProcessBuilder('python3', CONVERTER.path).start()
    assertThat(p.waitFor()).isEqualTo(2)
    assertThat(Files.exists(tmp.resolve('lintian.xml'))).isFalse()
  }
}
