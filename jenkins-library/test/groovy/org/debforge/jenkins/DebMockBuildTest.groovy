package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import groovy.json.JsonSlurper
import org.debforge.jenkins.cps.CpsPipeline
import org.debforge.jenkins.cps.FakeDebMock
import org.debforge.jenkins.cps.FakeJenkins
import org.debforge.jenkins.cps.PipelineError
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** debMockBuild under CPS, on a fake agent whose deb-mock writes a result directory as the real one does. */
class DebMockBuildTest {
  static final File MODULE = CpsPipeline.MODULE
  static final String ARCHIVED = ['*.deb', '*.udeb', '*.ddeb', '*.changes', '*.buildinfo', '*.log', '*.log.gz',
      '*.log.xz', '*.log.zst', 'result.json', 'buildroot_lock.json', 'reproducible.json'].collect { "result/amd64/${it}" }.join(',')

  FakeJenkins jenkins = new FakeJenkins()
  CpsPipeline pipeline = new CpsPipeline(jenkins)
  FakeDebMock debMock

  @BeforeEach
  void agent() {
    jenkins.env.NODE_NAME = 'builder-7'
    jenkins.env.NODE_LABELS = 'builder-7 debian amd64 bookworm'
    debMock = new FakeDebMock(jenkins)
  }

  Object build(String options = '') {
    return pipeline.run("node('debian && amd64') { return debMockBuild(${options}) }")
  }

  @Test
  void rebuildsDscWithDefaultsAndReturnsTheResult() {
    Map r = build("source: 'hello_2.10-3.dsc'")

    assertThat(jenkins.shScripts()).containsExactly(
        'command -v deb-mock',
        'deb-mock -r bookworm-amd64 --resultdir result/amd64 --clean-resultdir --rebuild hello_2.10-3.dsc')
    assertThat(jenkins.shCalls[1].returnStatus).isTrue()
    assertThat(jenkins.firstArgs('archiveArtifacts')).containsExactly([artifacts: ARCHIVED, fingerprint: true])
    assertThat(jenkins.archived.keySet()).containsExactlyInAnyOrder(
        'result/amd64/hello_2.10-3_amd64.deb', 'result/amd64/hello-doc_2.10-3_all.deb',
        'result/amd64/hello_2.10-3_amd64.changes', 'result/amd64/hello_2.10-3_amd64.buildinfo',
        'result/amd64/build.log.gz', 'result/amd64/root.log', 'result/amd64/state.log',
        'result/amd64/result.json', 'result/amd64/buildroot_lock.json')
    assertThat(jenkins.fingerprinted).isEqualTo(jenkins.archived.keySet())
    assertThat(jenkins.firstArgs('junit')).containsExactly(
        [allowEmptyResults: true, testResults: 'result/amd64/qa/junit-*.xml'])
    assertThat(jenkins.currentBuild.description).isEqualTo('hello 2.10-3 amd64, all')
    assertThat(jenkins.currentBuild.result).isNull()
    Map record = new JsonSlurper().parseText(jenkins.workspaces[0][1]['result/amd64/result.json'])
    assertThat(r.subMap('status', 'source', 'version', 'arch', 'resultDir')).isEqualTo(
        [status: 'succeeded', source: 'hello', version: '2.10-3', arch: 'amd64', resultDir: 'result/amd64'])
    assertThat(r.artifacts).isEqualTo(record.artifacts.collect { [name: it.name, sha256: it.sha256, size: it.size] })
    assertThat(r.artifacts*.name).contains('hello_2.10-3_amd64.deb')
    // Every step call saved and restored the program.
    assertThat(pipeline.roundTrips).isEqualTo(jenkins.calls.size())
  }

  @Test
  void buildsATreeWithPluginsNetworkAndQuotedArguments() {
    build("config: 'trixie-arm64', source: 'src/hello', resultDir: \"it's here\", " +
        "plugins: ['package_state', 'ccache'], pluginOptions: [ccache: [max_cache_size: '4G'], tmpfs: [size: '2 GiB']], " +
        'enableNetwork: true, archive: false')

    assertThat(jenkins.shScripts()[1]).isEqualTo(
        "deb-mock -r trixie-arm64 --resultdir 'it'\\''s here' --clean-resultdir --enable-plugin package_state " +
            '--enable-plugin ccache --plugin-option ccache:max_cache_size=4G ' +
            "--plugin-option 'tmpfs:size=2 GiB' --enable-network build src/hello")
    assertThat(jenkins.firstArgs('archiveArtifacts')).isEmpty()
    assertThat(jenkins.firstArgs('junit')).containsExactly([allowEmptyResults: true, testResults: "it's here/qa/junit-*.xml"])
  }

  @Test
  void archSwitchesArePassedOnlyWhenSet() {
    pipeline.run("node('x') { debMockBuild(archAll: false); debMockBuild(archAll: true, archAny: false, archive: false) }")

    assertThat(jenkins.shScripts().findAll { it.startsWith('deb-mock') }).containsExactly(
        'deb-mock -r bookworm-amd64 --resultdir result/amd64 --clean-resultdir --no-arch-all build .',
        'deb-mock -r bookworm-amd64 --resultdir result/amd64 --clean-resultdir --arch-all --no-arch-any build .')
    // A second build in the same result directory replaced the first one's files.
    assertThat(jenkins.workspaces[0][1].keySet().findAll { it.endsWith('.deb') })
        .containsExactly('result/amd64/hello-doc_2.10-3_all.deb')
    assertThat(jenkins.currentBuild.description).isEqualTo('hello 2.10-3 amd64, all')
  }

  @Test
  void sourcefulPassesSource() {
    build('sourceful: true, archAll: false')

    assertThat(jenkins.shScripts()[1]).isEqualTo(
        'deb-mock -r bookworm-amd64 --resultdir result/amd64 --clean-resultdir --no-arch-all --source build .')
    assertThat(jenkins.currentBuild.description).isEqualTo('hello 2.10-3 amd64')
  }

  @Test
  void crossBuildHasItsOwnResultDirAndDescribesTheHostArchitecture() {
    Map r = build("hostArch: 'arm64', archAll: false")

    assertThat(jenkins.shScripts()[1]).isEqualTo('deb-mock -r bookworm-amd64 --resultdir result/amd64-host-arm64 ' +
        '--clean-resultdir --host-arch arm64 --no-arch-all build .')
    assertThat(r.arch).isEqualTo('arm64')
    assertThat(r.resultDir).isEqualTo('result/amd64-host-arm64')
    assertThat(jenkins.currentBuild.description).isEqualTo('hello 2.10-3 arm64')
    assertThat(jenkins.archived.keySet()).contains('result/amd64-host-arm64/hello_2.10-3_arm64.deb')
  }

  @Test
  void aConfigFileAsksTheAgentForItsArchitecture() {
    jenkins.onSh('dpkg --print-architecture', [stdout: 'riscv64\n'])
    debMock.exitCode = 10 // only the command line matters here
    assertThatThrownBy { build("config: 'configs/local.yaml', archive: false") }.isInstanceOf(PipelineError)

    assertThat(jenkins.shScripts()[1..2]).containsExactly('dpkg --print-architecture',
        'deb-mock -r configs/local.yaml --resultdir result/riscv64 --clean-resultdir build .')
  }

  @Test
  void compressedLogsLockAndReproducibilityRecordAreArchived() {
    debMock.reproducible = true
    build()

    assertThat(jenkins.archived.keySet()).contains('result/amd64/build.log.gz', 'result/amd64/buildroot_lock.json',
        'result/amd64/reproducible.json')
  }

  @Test
  void lintianFindingsArePublishedAsJunitWithTheArchitecture() {
    build('lintian: true')

    assertThat(jenkins.shScripts()).containsExactly(
        'command -v deb-mock',
        'deb-mock -r bookworm-amd64 --resultdir result/amd64 --clean-resultdir build .',
        'lintian result/amd64/*.changes | python3 .debforge/lintian-junit.py result/amd64/lintian.xml amd64')
    assertThat(jenkins.workspaces[0][1]['.debforge/lintian-junit.py'])
        .isEqualTo(new File(MODULE, 'resources/org/debforge/jenkins/lintian-junit.py').text)
    assertThat(jenkins.firstArgs('junit')).containsExactly(
        [allowEmptyResults: true, testResults: 'result/amd64/qa/junit-*.xml'],
        [testResults: 'result/amd64/lintian.xml', allowEmptyResults: true])
  }

  @Test
  void qaFailureMakesTheBuildUnstableAndPublishesItsReports() {
    debMock.exitCode = 11 // deb-mock's unstable exit: packages built, QA failed
    debMock.message = 'lintian QA: 2 errors'
    debMock.qaReports['junit-lintian.xml'] = '<testsuite/>'
    Map r = build()

    assertThat(r.status).isEqualTo('unstable')
    assertThat(jenkins.currentBuild.result).isEqualTo('UNSTABLE')
    assertThat(jenkins.junitReports).containsExactly('result/amd64/qa/junit-lintian.xml')
    assertThat(jenkins.firstArgs('unstable')).containsExactly('debMockBuild: QA failed for hello 2.10-3 amd64: lintian QA: 2 errors')
  }

  @Test
  void missingDebMockNamesTheAgentAndItsLabels() {
    jenkins.onSh('command -v deb-mock', [status: 1])

    assertThatThrownBy { build() }
        .isInstanceOf(PipelineError)
        .hasMessageContaining("deb-mock is not installed on agent 'builder-7'")
        .hasMessageContaining('(labels: builder-7 debian amd64 bookworm)')
    assertThat(jenkins.shScripts()).containsExactly('command -v deb-mock')
  }

  @Test
  void failedBuildArchivesLogsThenFailsNamingTheCodeAndQuotingResultJson() {
    debMock.exitCode = 10
    debMock.message = 'dpkg-buildpackage failed with exit status 2; see build.log'

    assertThatThrownBy { build("source: 'hello_2.10-3.dsc'") }
        .isInstanceOf(PipelineError)
        .hasMessage('debMockBuild: deb-mock exited with 10 (build-failed): the package build failed (see build.log); ' +
            'it said: dpkg-buildpackage failed with exit status 2; see build.log; ' +
            'hint: see result/amd64/build.log (archived with this build)')
    assertThat(jenkins.firstArgs('archiveArtifacts')).containsExactly([artifacts: 'result/amd64/*.log,' +
        'result/amd64/*.log.gz,result/amd64/*.log.xz,result/amd64/*.log.zst,result/amd64/result.json',
        allowEmptyArchive: true, fingerprint: true])
    assertThat(jenkins.archived.keySet()).contains('result/amd64/build.log.gz', 'result/amd64/result.json')
    assertThat(jenkins.currentBuild.description).isNull()
  }

  @Test
  void everyFailureCodeIsNamedHintedAndQuotesTheMessage() {
    List rows = new JsonSlurper().parse(new File(MODULE, 'resources/org/debforge/jenkins/exit-codes.json')).codes
    List<Integer> hinted = [3, 4, 5, 6, 7, 10, 20, 30, 40, 50, 60, 61]
    assertThat(rows*.code).containsAll(hinted)
    // Every row of the table (not only the hinted ones) is named by its name and meaning.
    // 11 (unstable) is no failure: the build goes on UNSTABLE (qaFailureMakesTheBuildUnstable...).
    for (Map row : rows.findAll { it.code != 0 && it.code != 11 }) {
      FakeJenkins j = new FakeJenkins()
      FakeDebMock d = new FakeDebMock(j)
      d.exitCode = row.code
      d.message = "what went wrong (${row.code})"
      String named = "debMockBuild: deb-mock exited with ${row.code} (${row.name}): ${row.meaning}; " +
          "it said: what went wrong (${row.code})"
      def thrown = assertThatThrownBy { new CpsPipeline(j).run("node('x') { debMockBuild() }") }.as("exit ${row.code}")
      if (row.code in hinted) {
        thrown.hasMessageStartingWith(named + '; hint: ')
      } else {
        thrown.hasMessage(named)
      }
    }
  }

  @Test
  void codesOutsideTheTableAreSaidSo() {
    debMock.exitCode = 137
    assertThatThrownBy { build('archive: false') }.hasMessage(
        'debMockBuild: deb-mock exited with 137: killed by signal 9; it said: null'.replace('; it said: null', ''))
    debMock.exitCode = 12
    assertThatThrownBy { build('archive: false') }.hasMessage(
        'debMockBuild: deb-mock exited with 12: an exit code debforge does not document (docs/cli.md)')
  }

  @Test
  void theDescriptionMergesCellsInAStableOrder() {
    List r = pipeline.run('''
      String a = org.debforge.jenkins.BuildDescription.merge(null, 'hello', '2.10-3', ['arm64'])
      String b = org.debforge.jenkins.BuildDescription.merge(a, 'hello', '2.10-3', ['amd64', 'all'])
      String c = org.debforge.jenkins.BuildDescription.merge(b, 'hello', '2.10-3', ['arm64'])
      String d = org.debforge.jenkins.BuildDescription.merge('nightly of hello', 'hello', '2.10-3', ['riscv64'])
      String e = org.debforge.jenkins.BuildDescription.merge(c, 'hello', '2.10-4', ['amd64'])
      return [a, b, c, d, e]
    ''')
    assertThat(r).containsExactly('hello 2.10-3 arm64', 'hello 2.10-3 amd64, arm64, all',
        'hello 2.10-3 amd64, arm64, all', 'hello 2.10-3 riscv64', 'hello 2.10-4 amd64')
  }

  @Test
  void unknownOptionIsRejectedWithTheAllowedOnes() {
    assertThatThrownBy { build("sorce: 'x.dsc', lintain: true") }
        .isInstanceOf(PipelineError)
        .hasMessage('debMockBuild: unknown option(s) lintain, sorce; allowed: config, source, ' +
            'resultDir, plugins, pluginOptions, enableNetwork, archAll, archAny, hostArch, sourceful, ' +
            'orig, archive, lintian, before, after')
    assertThat(jenkins.shCalls).isEmpty()
  }

  @Test
  void origIsPassedToATreeBuildAndRefusedWithADsc() {
    build("orig: '../hello_2.10.orig.tar.gz', archive: false")
    assertThat(jenkins.shScripts().find { it.startsWith('deb-mock -r') })
        .endsWith(' build --orig ../hello_2.10.orig.tar.gz .')

    FakeJenkins j = new FakeJenkins()
    new FakeDebMock(j)
    assertThatThrownBy { new CpsPipeline(j).run("node('x') { debMockBuild(source: 'hello_2.10-3.dsc', orig: 'x.tar.gz') }") }
        .isInstanceOf(PipelineError)
        .hasMessage("debMockBuild: orig: 'x.tar.gz' is for a source tree; a .dsc names its own tarballs")
    assertThat(j.shCalls).isEmpty()
  }

  @Test
  void quotedCommandLineIsReadBackByARealShell() {
    String hostile = 'a b;$(touch /tmp/pwned)`x`\'"'
    String line = pipeline.run("return org.debforge.jenkins.Shell.join(['printf', '%s\\\\n', ${groovy.json.JsonOutput.toJson(hostile).replace('$', '\\$')}, 'plain'])")
    Process p = new ProcessBuilder('sh', '-c', line).start()
    assertThat(p.inputStream.text).isEqualTo(hostile + '\nplain\n')
    assertThat(p.waitFor()).isZero()
  }

  @Test
  void callbacksRunOnTheAgentBeforeDebMockAndAfterWithTheResult() {
    Map r = build("before: { sh 'fetch-reference hello' }, " +
        "after: { b -> sh \"build-compare ${'$'}{b.resultDir} ${'$'}{b.artifacts.size()}\" }, archive: false")

    assertThat(jenkins.shScripts()).containsExactly('command -v deb-mock', 'fetch-reference hello',
        'deb-mock -r bookworm-amd64 --resultdir result/amd64 --clean-resultdir build .',
        "build-compare result/amd64 ${r.artifacts.size()}".toString())
    assertThat(r.artifacts.size()).isEqualTo(4)
    assertThat(pipeline.roundTrips).isEqualTo(jenkins.calls.size())
  }

  @Test
  void aFailingCallbackFailsTheStepNamingIt() {
    jenkins.onSh('build-compare', [status: 1])
    assertThatThrownBy { build("after: { sh 'build-compare result/amd64' }, archive: false") }
        .isInstanceOf(PipelineError)
        .hasMessage('debMockBuild: the after callback failed: script returned exit code 1')
    assertThatThrownBy { build("before: { error('no reference build') }, archive: false") }
        .hasMessage('debMockBuild: the before callback failed: no reference build')
    // A failed before callback stops the step before deb-mock runs.
    assertThat(debMock.runs).hasSize(1)
    assertThatThrownBy { build("after: 'sign.sh', archive: false") }
        .hasMessage('debMockBuild: after: must be a closure, not String')
    assertThat(debMock.runs).hasSize(1)
  }

  @Test
  void afterIsNotRunWhenTheBuildFails() {
    debMock.exitCode = 10
    assertThatThrownBy { build("after: { sh 'sign' }, archive: false") }.hasMessageStartingWith(
        'debMockBuild: deb-mock exited with 10 (build-failed)')
    assertThat(jenkins.shScripts()).doesNotContain('sign')
  }
}
