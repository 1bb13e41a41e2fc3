package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import org.debforge.jenkins.cps.CpsPipeline
import org.debforge.jenkins.cps.FakeJenkins
import org.debforge.jenkins.cps.PipelineError
import org.junit.jupiter.api.Test

/** debforgeAgent under CPS: reads the constraints file from the workspace, fails with named messages. */
class DebforgeAgentTest {
  FakeJenkins jenkins = new FakeJenkins()
  CpsPipeline pipeline = new CpsPipeline(jenkins)

  Object run(String file, String text, String options) {
    String write = text == null ? '' : "writeFile(file: '${file}', text: '''${text}''')"
    return pipeline.run("""node('debian') {
      ${write}
      return debforgeAgent(${options})
    }""")
  }

  @Test
  void aMissingFileMeansSuiteAndArchitectureOnly() {
    assertThat(run(null, null, "arch: 'arm64', suite: 'bookworm'")).isEqualTo('debian && bookworm && arm64')
    assertThat(pipeline.roundTrips).isEqualTo(jenkins.calls.size())
  }

  @Test
  void theFileIsReadFromTheWorkspaceAndTheLabelChoosesTheNextNode() {
    def label = pipeline.run("""
      String label
      node('debian') {
        writeFile(file: 'pkg/debforge-constraints.yaml', text: 'hardware: {memory: 12G}\\nhostlabel: [big]\\n')
        label = debforgeAgent(constraints: 'pkg/debforge-constraints.yaml', arch: 'amd64', suite: 'trixie')
      }
      node(label) { echo 'building' }
      return label
    """)
    assertThat(label).isEqualTo('debian && trixie && amd64 && big && mem-16g')
    assertThat(jenkins.agentLabels).containsExactly('debian', 'debian && trixie && amd64 && big && mem-16g')
  }

  @Test
  void problemsFailTheStepNamingTheFileAndKey() {
    assertThatThrownBy { run('debian/debforge-constraints.yaml', 'linux: {version: {min: "6.1"}}', "arch: 'amd64'") }
        .isInstanceOf(PipelineError)
        .hasMessageStartingWith('debforgeAgent: debian/debforge-constraints.yaml: linux: no agent label')
    assertThatThrownBy { run('debian/debforge-constraints.yaml', '- amd64', "arch: 'amd64'") }
        .hasMessageContaining('the file must be a YAML mapping')
    assertThatThrownBy { run(null, null, "archs: 'amd64'") }
        .hasMessage('debforgeAgent: unknown option(s) archs; allowed: constraints, arch, suite')
  }
}
