package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import groovy.json.JsonSlurper
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

class DebMockBuildTest extends PipelineHarness {
  static final String RESULT_JSON = new File(MODULE, 'test/resources/result-hello.json').text
  static final String ALL_ARTIFACTS =
      'result/*.deb,result/*.udeb,result/*.ddeb,result/*.changes,result/*.buildinfo,result/*.log,result/result.json'

  def step

  @BeforeEach
  void loadStep() {
    env.NODE_NAME = 'builder-7'
    env.NODE_LABELS = 'builder-7 debian amd64 bookworm'
    workspace['result/result.json'] = RESULT_JSON
    step = loadScript('vars/debMockBuild.groovy')
  }

  @Test
  void rebuildsDscWithDefaultsAndReturnsTheResult() {
    Map r = step.call(source: 'hello_2.10-3.dsc')

    assertThat(shScripts()).containsExactly(
        'command -v deb-mock',
        'deb-mock -r bookworm-amd64 --resultdir result --clean-resultdir --rebuild hello_2.10-3.dsc')
    assertThat(shCalls[1].returnStatus).isTrue()
    assertThat(firstArgs('archiveArtifacts'))
        .containsExactly([artifacts: ALL_ARTIFACTS, fingerprint: true])
    assertThat(calls('junit')).isEmpty()
    assertThat(currentBuild.description.toString()).isEqualTo('hello 2.10-3 amd64')
    assertThat(plain(r)).isEqualTo([
        status: 'succeeded', source: 'hello', version: '2.10-3', arch: 'amd64',
        artifacts: [
            [name: 'hello_2.10-3_amd64.deb', size: 53080,
             sha256: '5f0a6c3e8d1b7a2f4e9c0b6d3a8f1e2c7b4d9a0e5f6c1b8d3a2e7f4c9b0d6a1e'],
            [name: 'hello_2.10-3_amd64.changes', size: 1893,
             sha256: '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c']]])
  }

  @Test
  void buildsATreeWithPluginsNetworkAndQuotedArguments() {
    workspace["it's here/result.json"] = RESULT_JSON
    step.call(config: 'trixie-arm64', source: 'src/hello', resultDir: "it's here",
        plugins: ['package_state', 'ccache'],
        pluginOptions: [ccache: [max_cache_size: '4G'], tmpfs: [size: '2 GiB']],
        enableNetwork: true, archive: false)

    assertThat(shScripts()[1]).isEqualTo(
        "deb-mock -r trixie-arm64 --resultdir 'it'\\''s here' --clean-resultdir --enable-plugin package_state " +
            '--enable-plugin ccache --plugin-option ccache:max_cache_size=4G ' +
            "--plugin-option 'tmpfs:size=2 GiB' --enable-network build src/hello")
    assertThat(calls('archiveArtifacts')).isEmpty()
  }

  @Test
  void archSwitchesArePassedOnlyWhenSet() {
    step.call(archAll: false)
    step.call(archAll: true, archAny: false)

    assertThat(shScripts().findAll { it.startsWith('deb-mock') }).containsExactly(
        'deb-mock -r bookworm-amd64 --resultdir result --clean-resultdir --no-arch-all build .',
        'deb-mock -r bookworm-amd64 --resultdir result --clean-resultdir --arch-all --no-arch-any build .')
  }

  @Test
  void sourcefulPassesSource() {
    step.call(sourceful: true, archAll: false)

    assertThat(shScripts().findAll { it.startsWith('deb-mock') }).containsExactly(
        'deb-mock -r bookworm-amd64 --resultdir result --clean-resultdir --no-arch-all --source build .')
  }

  @Test
  void crossBuildPassesHostArchAndDescribesTheHostArchitecture() {
    Map record = new JsonSlurper().parseText(RESULT_JSON)
    record.build = [type: '-b', host_arch: 'arm64']
    workspace['result/result.json'] = groovy.json.JsonOutput.toJson(record)

    Map r = step.call(hostArch: 'arm64', archAll: false)

    assertThat(shScripts()[1]).isEqualTo(
        'deb-mock -r bookworm-amd64 --resultdir result --clean-resultdir --host-arch arm64 --no-arch-all build .')
    assertThat(r.arch).isEqualTo('arm64')
    assertThat(currentBuild.description.toString()).isEqualTo('hello 2.10-3 arm64')
  }

  @Test
  void quotedCommandLineIsReadBackByARealShell() {
    String hostile = 'a b;$(touch /tmp/pwned)`x`\'"'
    String line = Shell.join(['printf', '%s\\n', hostile, 'plain'])
    Process p = new ProcessBuilder('sh', '-c', line).start()
    assertThat(p.inputStream.text).isEqualTo(hostile + '\nplain\n')
    assertThat(p.waitFor()).isZero()
  }

  @Test
  void lintianFindingsArePublishedAsJunit() {
    step.call(lintian: true)

    assertThat(shScripts()).containsExactly(
        'command -v deb-mock',
        'deb-mock -r bookworm-amd64 --resultdir result --clean-resultdir build .',
        'lintian result/*.changes | python3 .debforge/lintian-junit.py result/lintian.xml')
    assertThat(workspace['.debforge/lintian-junit.py'])
        .isEqualTo(new File(MODULE, 'resources/org/debforge/jenkins/lintian-junit.py').text)
    assertThat(firstArgs('junit'))
        .containsExactly([testResults: 'result/lintian.xml', allowEmptyResults: true])
  }

  @Test
  void missingDebMockNamesTheAgentAndItsLabels() {
    onSh('command -v deb-mock', [status: 1])

    assertThatThrownBy { step.call() }
        .isInstanceOf(PipelineError)
        .hasMessageContaining("deb-mock is not installed on agent 'builder-7'")
        .hasMessageContaining('(labels: builder-7 debian amd64 bookworm)')
    assertThat(shScripts()).containsExactly('command -v deb-mock')
  }

  @Test
  void failedBuildArchivesLogsThenFailsWithTheExitClass() {
    onSh('deb-mock -r', [status: 10])

    assertThatThrownBy { step.call(source: 'hello_2.10-3.dsc') }
        .isInstanceOf(PipelineError)
        .hasMessage('debMockBuild: deb-mock exited with 10: the package build failed (see build.log)')
    assertThat(firstArgs('archiveArtifacts')).containsExactly(
        [artifacts: 'result/*.log,result/result.json', allowEmptyArchive: true, fingerprint: true])
    assertThat(currentBuild.description).isNull()
  }

  @Test
  void dependencyFailureIsNamedFromTheSharedTable() {
    onSh('deb-mock -r', [status: 30])

    assertThatThrownBy { step.call() }
        .hasMessage('debMockBuild: deb-mock exited with 30: build dependencies cannot be resolved ' +
            'or installed (see root.log); --hermetic-build: a locked .deb is missing from the apt ' +
            'cache or altered')
    assertThat(firstArgs('libraryResource')).containsExactly('org/debforge/jenkins/exit-codes.json')
  }

  @Test
  void permissionDeniedIsNamed() {
    onSh('deb-mock -r', [status: 61])

    assertThatThrownBy { step.call() }
        .hasMessage('debMockBuild: deb-mock exited with 61: permission denied: ' +
            "the token's role does not allow the operation")
  }

  @Test
  void everyCodeOfTheTableIsNamedAndOthersAreNot() {
    List rows = new JsonSlurper().parse(new File(MODULE, 'resources/org/debforge/jenkins/exit-codes.json')).codes
    assertThat(rows*.code).contains(2, 10, 20, 40, 50, 60, 70)
    rows.findAll { it.code != 0 }.each { row ->
      onSh('deb-mock -r', [status: row.code])
      assertThatThrownBy { step.call() }
          .hasMessage("debMockBuild: deb-mock exited with ${row.code}: ${row.meaning}".toString())
      shAnswers.clear()
    }

    // A signal (128 + 9) is no row of the table.
    onSh('deb-mock -r', [status: 137])
    assertThatThrownBy { step.call() }.hasMessage('debMockBuild: deb-mock exited with 137: deb-mock failed')
  }

  @Test
  void unknownOptionIsRejectedWithTheAllowedOnes() {
    assertThatThrownBy { step.call(sorce: 'x.dsc', lintain: true) }
        .isInstanceOf(PipelineError)
        .hasMessage('debMockBuild: unknown option(s) lintain, sorce; allowed: config, source, ' +
            'resultDir, plugins, pluginOptions, enableNetwork, archAll, archAny, hostArch, sourceful, orig, ' +
            'archive, lintian')
    assertThat(shCalls).isEmpty()
  }
}
