package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import org.junit.jupiter.api.Test
import org.debforge.jenkins.cps.CpsPipeline
import org.debforge.jenkins.cps.FakeJenkins

/**
 * OBS-style constraints to label expressions, from YAML as readYaml gives it to the step. The
 * library's src/ is compiled by the CPS harness, as Jenkins does, so the class is reached through
 * a pipeline.
 */
class ConstraintsTest {
  static String label(String yaml, String arch = null, String suite = 'bookworm') {
    FakeJenkins jenkins = new FakeJenkins()
    jenkins.env.YAML = yaml
    def quoted = { String s -> s == null ? 'null' : "'${s}'" }
    return new CpsPipeline(jenkins).run("""
      Map c = env.YAML.trim() ? readYaml(text: env.YAML) : [:]
      return org.debforge.jenkins.Constraints.label(c, ${quoted(arch)}, ${quoted(suite)},
          'debian/debforge-constraints.yaml')
    """)
  }

  static String problem(String yaml, String arch = null) {
    try {
      label(yaml, arch)
    } catch (IllegalArgumentException e) {
      return e.message
    }
    throw new AssertionError('no error for:\n' + yaml)
  }

  @Test
  void noConstraintsIsDebianAndTheCellsSuiteAndArchitecture() {
    assertThat(label('', 'amd64')).isEqualTo('debian && bookworm && amd64')
    assertThat(label('', null, null)).isEqualTo('debian')
  }

  @Test
  void architecturesAreAlternativesUnlessTheCellNamesOne() {
    assertThat(label('architecture: [amd64, arm64]')).isEqualTo('debian && bookworm && (amd64 || arm64)')
    assertThat(label('architecture: arm64')).isEqualTo('debian && bookworm && arm64')
    assertThat(label('architecture: [amd64, arm64]', 'arm64')).isEqualTo('debian && bookworm && arm64')
    assertThat(problem('architecture: [amd64, arm64]', 'i386'))
        .contains('architecture: the package builds on amd64, arm64, not on i386')
  }

  @Test
  void sizesRoundUpToTheNextTierAgentsCarryEveryTierBelowTheirs() {
    String yaml = '''
hardware:
  memory: 6G
  disk: 40GiB
  processors: 3
  cpu: {flag: [avx2, sse4_2]}
'''
    assertThat(label(yaml, 'amd64'))
        .isEqualTo('debian && bookworm && amd64 && mem-8g && disk-50g && cpus-4 && cpu-avx2 && cpu-sse4_2')
    assertThat(label('hardware: {memory: 512M}')).endsWith('mem-2g')
    assertThat(label('hardware: {memory: 8192M}')).endsWith('mem-8g')
    assertThat(label('hardware: {memory: 8193M}')).endsWith('mem-16g')
    assertThat(label('hardware: {disk: 1000G}')).endsWith('disk-1000g')
    assertThat(label('hardware: {disk: 1T}')).endsWith('disk-2000g') // 1 TiB = 1024 GiB
    assertThat(label('hardware: {disk: 1025G}')).endsWith('disk-2000g')
  }

  @Test
  void hostLabelsAndSandboxes() {
    assertThat(label('hostlabel: [big-builder, {label: flaky, exclude: true}]\nsandbox: kvm', 'amd64'))
        .isEqualTo('debian && bookworm && amd64 && big-builder && !flaky && sandbox-kvm')
    assertThat(label('sandbox: chroot', 'amd64')).isEqualTo('debian && bookworm && amd64')
  }

  @Test
  void composeAndOstreeKindsAreTheirOwnLabels() {
    assertThat(label('kind: compose\nhardware: {disk: 100G}')).isEqualTo('compose && disk-100g')
    assertThat(label('kind: ostree')).isEqualTo('ostree')
  }

  @Test
  void unknownKeysAreErrorsNamedWithTheFile() {
    assertThat(problem('memory: 8G'))
        .startsWith('debian/debforge-constraints.yaml: ')
        .contains('memory: unknown key')
    assertThat(problem('hardware: {memroy: 8G}')).contains('hardware.memroy: unknown key')
    assertThat(problem('kind: vm')).contains("kind: 'vm' is not one of build, compose, ostree")
    assertThat(problem('sandbox: xen')).contains("sandbox: 'xen' is not one of")
  }

  @Test
  void obsConstraintsNoLabelCanExpressAreNamed() {
    assertThat(problem('linux: {version: {min: "6.1"}}')).contains('linux: no agent label can express it')
    assertThat(problem('hardware: {jobs: 4}')).contains('hardware.jobs: no agent label can express it')
    assertThat(problem('hardware: {memory: 300G}')).contains('hardware.memory: 300G is above the largest agent tier 256G')
  }

  @Test
  void malformedValuesAreNamed() {
    assertThat(problem('hardware: {memory: 8}')).contains("hardware.memory: '8' is not a size")
    assertThat(problem('hardware: {memory: lots}')).contains("hardware.memory: 'lots' is not a size")
    assertThat(problem('hardware: {processors: -2}')).contains('hardware.processors')
    assertThat(problem('hardware: {cpu: avx2}')).contains('hardware.cpu: a mapping with one key, flag')
    assertThat(problem('hostlabel: [{label: x, exclude: true, other: 1}]')).contains('hostlabel: an entry')
    assertThat(problem('architecture: [{a: 1}]')).contains('architecture: a name or a list of names')
  }

  @Test
  void valuesThatWouldInjectIntoTheLabelExpressionAreRefused() {
    assertThat(problem('hostlabel: "a || b"')).contains("hostlabel: 'a || b' cannot be a label")
    assertThat(problem('architecture: "amd64)"')).contains('cannot be a label')
    assertThat(problem('hardware: {cpu: {flag: ["avx2 && !x"]}}')).contains('cannot be a label')
  }

  @Test
  void allProblemsOfAFileAreReportedAtOnce() {
    String p = problem('memory: 8G\nlinux: {}\nhardware: {disk: big}')
    assertThat(p).contains('memory: unknown key').contains('linux: no agent label').contains('hardware.disk')
  }
}
