package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** The step reads the constraints file from the workspace and fails with named messages. */
class DebforgeAgentTest extends PipelineHarness {
  def step

  @BeforeEach
  void loadStep() {
    helper.registerAllowedMethod('fileExists', [String]) { String f -> workspace.containsKey(f) }
    helper.registerAllowedMethod('readYaml', [Map]) { Map m -> new YAMLMapper().readValue(workspace[m.file], Object) }
    step = loadScript('vars/debforgeAgent.groovy')
  }

  @Test
  void aMissingFileMeansSuiteAndArchitectureOnly() {
    assertThat(step.call(arch: 'arm64', suite: 'bookworm')).isEqualTo('debian && bookworm && arm64')
  }

  @Test
  void theFileIsReadFromTheWorkspace() {
    workspace['pkg/debforge-constraints.yaml'] = 'hardware: {memory: 12G}\nhostlabel: [big]\n'
    assertThat(step.call(constraints: 'pkg/debforge-constraints.yaml', arch: 'amd64', suite: 'trixie'))
        .isEqualTo('debian && trixie && amd64 && big && mem-16g')
  }

  @Test
  void problemsFailTheStepNamingTheFileAndKey() {
    workspace['debian/debforge-constraints.yaml'] = 'linux: {version: {min: "6.1"}}\n'
    assertThatThrownBy { step.call(arch: 'amd64') }
        .isInstanceOf(PipelineError)
        .hasMessageStartingWith('debforgeAgent: debian/debforge-constraints.yaml: linux: no agent label')
    workspace['debian/debforge-constraints.yaml'] = '- amd64\n'
    assertThatThrownBy { step.call(arch: 'amd64') }
        .hasMessageContaining('the file must be a YAML mapping')
    assertThatThrownBy { step.call(archs: 'amd64') }
        .hasMessage('debforgeAgent: unknown option(s) archs; allowed: constraints, arch, suite')
  }
}
