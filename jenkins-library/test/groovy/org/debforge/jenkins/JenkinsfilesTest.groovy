package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import org.debforge.jenkins.cps.CpsPipeline
import org.debforge.jenkins.cps.FakeAptOstree
import org.debforge.jenkins.cps.FakeDebMock
import org.debforge.jenkins.cps.FakeJenkins
import org.debforge.jenkins.cps.FakeOrchestrator
import org.debforge.jenkins.cps.FakeTumbi
import org.debforge.jenkins.cps.PipelineError
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** The example multibranch Jenkinsfile and the project's own, run under CPS as Jenkins runs them. */
class JenkinsfilesTest {
  static final String EXAMPLE = 'examples/package-repo.Jenkinsfile'
  static final String SERVER = '--server https://deb-orchestrator.example.org'
  static final String PROVENANCE = '--jenkins-url "$BUILD_URL" --jenkins-job "$JOB_NAME" --jenkins-number "$BUILD_NUMBER" --json'
  static final String TO_FILES = ' > .debforge/orchestrator.json 2> .debforge/orchestrator.err'

  FakeJenkins jenkins = new FakeJenkins()
  CpsPipeline pipeline = new CpsPipeline(jenkins)
  FakeDebMock debMock = new FakeDebMock(jenkins)
  FakeOrchestrator orchestrator = new FakeOrchestrator(jenkins)

  @BeforeEach
  void job() {
    jenkins.env.NODE_NAME = 'builder-1'
    jenkins.env.NODE_LABELS = 'builder-1 debian amd64 arm64 bookworm'
    jenkins.env.BUILD_URL = 'https://ci.example.org/job/hello/job/main/3/'
    jenkins.env.JOB_NAME = 'hello/main'
    jenkins.env.BUILD_NUMBER = '3'
    // lintian on the agent: the converter writes the report the step publishes.
    jenkins.onSh('lintian ') { Map call ->
      String report = (call.script =~ /(\S+\/lintian\.xml)/)[0][1]
      return [files: [(report): '<testsuite name="lintian"/>']]
    }
  }

  static String orchestratorLine(String args) {
    return "mkdir -p .debforge && deb-orchestrator ${args}${TO_FILES}".toString()
  }

  static List<String> cell(String arch, String archAll) {
    return ['command -v deb-mock',
            "deb-mock -r bookworm-${arch} --resultdir result/${arch} --clean-resultdir ${archAll} build .".toString(),
            "lintian result/${arch}/*.changes | python3 .debforge/lintian-junit.py result/${arch}/lintian.xml ${arch}".toString()]
  }

  @Test
  void onMainEveryArchitectureBuildsInItsCellThenOneBuildIsImportedAndTagged() {
    jenkins.env.BRANCH_NAME = 'main'
    pipeline.runFile(EXAMPLE)

    assertThat(jenkins.agentLabels).containsExactly(
        'debian && amd64 && bookworm', 'debian && arm64 && bookworm', 'debian && bookworm')
    assertThat(jenkins.shScripts()).containsExactlyElementsOf(
        cell('amd64', '--arch-all') + cell('arm64', '--no-arch-all') + [
            orchestratorLine("import ${SERVER} result/amd64 ${PROVENANCE}"),
            orchestratorLine("import ${SERVER} result/arm64 ${PROVENANCE}"),
            orchestratorLine("list-tagged ${SERVER} bookworm-candidate hello --json"),
            orchestratorLine("tag-build ${SERVER} bookworm-candidate 1 --json")])
    assertThat(jenkins.stagesRun).containsExactly('Packages', 'Build', 'Build', 'Tag candidate')
    assertThat(jenkins.stagesSkipped).isEmpty()
    // Each cell archived its own directory; the harness fails a run where two cells archive one path.
    [amd64: 9, arm64: 8].each { arch, files ->
      Set<String> byCell = jenkins.archived.findAll { it.value == "ARCH=${arch}".toString() }.keySet()
      assertThat(byCell).hasSize(files)
      assertThat(byCell.findAll { !it.startsWith("result/${arch}/") }).isEmpty()
    }
    assertThat(jenkins.archived.keySet().findAll { it.endsWith('.deb') }).containsExactlyInAnyOrder(
        'result/amd64/hello_2.10-3_amd64.deb', 'result/amd64/hello-doc_2.10-3_all.deb', 'result/arm64/hello_2.10-3_arm64.deb')
    assertThat(jenkins.fingerprinted).isEqualTo(jenkins.archived.keySet())
    assertThat(jenkins.firstArgs('stash')).containsExactly(
        [name: 'result-amd64', includes: 'result/amd64/**'], [name: 'result-arm64', includes: 'result/arm64/**'])
    assertThat(jenkins.firstArgs('unstash')).containsExactly('result-amd64', 'result-arm64')
    assertThat(jenkins.junitReports).containsExactly('result/amd64/lintian.xml', 'result/arm64/lintian.xml')
    assertThat(jenkins.currentBuild.description).isEqualTo('hello 2.10-3 amd64, arm64, all')
    assertThat(jenkins.firstArgs('string')).containsOnly(
        [credentialsId: 'deb-orchestrator-token', variable: 'DEB_ORCHESTRATOR_TOKEN'])
    assertThat(orchestrator.builds['hello_2.10-3'].parts.keySet()).containsExactly('amd64', 'arm64')
    assertThat(orchestrator.tagged['bookworm-candidate']).containsExactly(1)
    assertThat(jenkins.log).contains('built hello 2.10-3 for amd64: 4 files', 'built hello 2.10-3 for arm64: 3 files')
    assertThat(pipeline.roundTrips).isEqualTo(jenkins.calls.size())
  }

  @Test
  void onABranchTheCellsOnlyBuild() {
    jenkins.env.BRANCH_NAME = 'feature/fix-ftbfs'
    pipeline.runFile(EXAMPLE)

    assertThat(jenkins.shScripts().findAll { it.contains('deb-orchestrator') }).isEmpty()
    assertThat(jenkins.shScripts().findAll { it.startsWith('deb-mock') }).containsExactly(
        cell('amd64', '--arch-all')[1], cell('arm64', '--no-arch-all')[1])
    assertThat(jenkins.firstArgs('bindCredentials')).isEmpty()
    assertThat(jenkins.stagesSkipped).containsExactly('Tag candidate')
    assertThat(jenkins.agentLabels).containsExactly('debian && amd64 && bookworm', 'debian && arm64 && bookworm')
    assertThat(jenkins.currentBuild.description).isEqualTo('hello 2.10-3 amd64, arm64, all')
  }

  @Test
  void withoutBeforeAgentABranchBuildWouldWaitForAnAgentOnlyToSkip() {
    String late = new File(CpsPipeline.MODULE, EXAMPLE).text.replaceAll(/(?m)^.*beforeAgent true.*\n/, '')
    jenkins.env.BRANCH_NAME = 'feature/x'
    pipeline.run(late)

    assertThat(jenkins.agentLabels).containsExactly(
        'debian && amd64 && bookworm', 'debian && arm64 && bookworm', 'debian && bookworm')
    assertThat(jenkins.stagesSkipped).containsExactly('Tag candidate')
  }

  @Test
  void replayingTheBuildImportsIdenticalContentAndPasses() {
    jenkins.env.BRANCH_NAME = 'main'
    pipeline.runFile(EXAMPLE)
    // A replay (or a rerun of the same commit) is a new Jenkins build on the same orchestrator.
    FakeJenkins replay = new FakeJenkins()
    replay.env.putAll(jenkins.env + [BUILD_NUMBER: '4'])
    FakeDebMock again = new FakeDebMock(replay)
    replay.onSh('deb-orchestrator ') { Map call -> orchestrator.answerFor(replay, call) }
    new CpsPipeline(replay).runFile(EXAMPLE)

    assertThat(replay.log).contains('tagArtifact: result/amd64 is already in build 1 (hello_2.10-3)',
        'tagArtifact: result/arm64 is already in build 1 (hello_2.10-3)',
        'tagArtifact: build 1 is already tagged bookworm-candidate')
    assertThat(replay.shScripts().findAll { it.contains('tag-build') }).isEmpty()
    assertThat(replay.currentBuild.result).isNull()
    assertThat(orchestrator.builds).hasSize(1)
    assertThat(again.runs*.hostArch).containsExactly('amd64', 'arm64')
  }

  @Test
  void aRebuildWithOtherContentFailsTheImportWithTheNamedConflict() {
    jenkins.env.BRANCH_NAME = 'main'
    pipeline.runFile(EXAMPLE)
    FakeJenkins rebuild = new FakeJenkins()
    rebuild.env.putAll(jenkins.env + [BUILD_NUMBER: '5'])
    FakeDebMock changed = new FakeDebMock(rebuild)
    changed.salt = 'another toolchain'
    rebuild.onSh('deb-orchestrator ') { Map call -> orchestrator.answerFor(rebuild, call) }

    assertThatThrownBy { new CpsPipeline(rebuild).runFile(EXAMPLE) }
        .isInstanceOf(PipelineError)
        .hasMessageStartingWith('tagArtifact: deb-orchestrator import of result/amd64 exited with 6 (conflict)')
        .hasMessageContaining('it said: deb-orchestrator: hello_2.10-3 (amd64) is already imported with other content')
    assertThat(rebuild.shScripts().findAll { it.contains('tag-build') }).isEmpty()
  }

  @Test
  void aFailedCellStopsTheRunBeforeAnythingIsImported() {
    jenkins.env.BRANCH_NAME = 'main'
    jenkins.onSh('deb-mock -r bookworm-arm64', [status: 30])

    assertThatThrownBy { pipeline.runFile(EXAMPLE) }
        .hasMessageStartingWith('debMockBuild: deb-mock exited with 30 (dependency-resolution)')
    assertThat(jenkins.shScripts().findAll { it.contains('deb-orchestrator') }).isEmpty()
  }

  @Test
  void cellsSharingAResultDirectoryFailTheHarness() {
    // Planted: both cells build into 'result', so both archive result/result.json; Jenkins
    // would keep the last one silently, the harness fails the run.
    String shared = new File(CpsPipeline.MODULE, EXAMPLE).text.replace('lintian: true', "lintian: true, resultDir: 'result'")
    jenkins.env.BRANCH_NAME = 'feature/x'

    assertThatThrownBy { pipeline.run(shared) }
        .isInstanceOf(AssertionError)
        .hasMessage("archived twice: result/build.log.gz (by 'ARCH=amd64', now by 'ARCH=arm64')")
  }

  @Test
  void projectJenkinsfileBuildsTestsAndArchivesTheDistribution() {
    jenkins.onSh('mvn -B -ntp package', [files: ['dist/target/debforge-0.1.0.tar.gz': 'tarball']])
    jenkins.onSh('./scripts/test', [files: ['cli/target/surefire-reports/TEST-x.xml': '<testsuite/>']])
    pipeline.runFile('../Jenkinsfile')

    assertThat(jenkins.agentLabels).containsExactly('debian && amd64')
    assertThat(jenkins.stagesRun).containsExactly('Build', 'Test', 'Archive')
    assertThat(jenkins.shScripts()).containsExactly('mvn -B -ntp package -DskipTests', './scripts/test')
    assertThat(jenkins.firstArgs('junit')).containsExactly([
        testResults: '**/target/surefire-reports/*.xml, **/target/failsafe-reports/*.xml', allowEmptyResults: false])
    assertThat(jenkins.junitReports).containsExactly('cli/target/surefire-reports/TEST-x.xml')
    assertThat(jenkins.firstArgs('archiveArtifacts')).containsExactly(
        [artifacts: 'dist/target/debforge-*.tar.gz', fingerprint: true])
    assertThat(jenkins.archived.keySet()).containsExactly('dist/target/debforge-0.1.0.tar.gz')
  }

  @Test
  void projectJenkinsfilePublishesTestReportsAlsoWhenTestsFail() {
    jenkins.onSh('./scripts/test', [status: 1, files: ['cli/target/surefire-reports/TEST-x.xml': '<testsuite/>']])

    assertThatThrownBy { pipeline.runFile('../Jenkinsfile') }.hasMessage('script returned exit code 1')
    assertThat(jenkins.junitReports).containsExactly('cli/target/surefire-reports/TEST-x.xml')
    assertThat(jenkins.stagesRun).containsExactly('Build', 'Test')
  }

  @Test
  void releaseBuildsTagsPromotesPublishesComposesAndLayersOnTheCompose() {
    jenkins.env.BRANCH_NAME = 'main'
    jenkins.scmFiles['blueprints/bookworm.yaml'] = 'name: Debian\noutputs:\n  - repo\n' +
        '  - {type: ostree, ref: \"debian/bookworm/%{arch}/minimal\", repo: /srv/ostree/repo}\n  - {type: image}\n'
    orchestrator.tags['bookworm-updates'] = ['hello']
    FakeTumbi tumbi = new FakeTumbi(jenkins)
    FakeAptOstree aptOstree = new FakeAptOstree(jenkins)
    pipeline.runFile('examples/release.Jenkinsfile')

    assertThat(jenkins.agentLabels).containsExactly('debian && amd64 && bookworm', 'debian && arm64 && bookworm',
        'debian && bookworm', 'debian && bookworm', 'compose', 'ostree')
    assertThat(jenkins.stagesRun).containsExactly('Packages', 'Build', 'Build', 'Tag candidate', 'Promote and publish',
        'Compose', 'OSTree smoke test')
    List<String> lines = jenkins.shScripts()
    assertThat(lines.subList(lines.indexOf(orchestratorLine("tag-build ${SERVER} bookworm-candidate 1 --json")) + 1, lines.size()))
        .containsExactly(
            "deb-orchestrator move-build ${SERVER} bookworm-candidate bookworm-updates 1 --json".toString(),
            "deb-orchestrator publish ${SERVER} bookworm-updates --json".toString(),
            'command -v tumbi-assembler',
            'mkdir -p .debforge && tumbi-assembler compose blueprints/bookworm.yaml --target composes --json --record ' +
                '--server https://deb-orchestrator.example.org > .debforge/compose.json 2> .debforge/compose.err',
            'command -v apt-ostree',
            'rm -rf .debforge/sysroot && ostree admin init-fs .debforge/sysroot && ostree admin os-init ' +
                '--sysroot=.debforge/sysroot debian && ostree --repo=.debforge/sysroot/ostree/repo pull-local ' +
                '/srv/ostree/repo debian/bookworm/amd64/minimal && ostree admin deploy --sysroot=.debforge/sysroot ' +
                '--os=debian debian/bookworm/amd64/minimal',
            'mkdir -p .debforge && apt-ostree --sysroot .debforge/sysroot install --idempotent --unchanged-exit-77 hello ' +
                '> .debforge/apt-ostree.out 2> .debforge/apt-ostree.err',
            'mkdir -p .debforge && apt-ostree --sysroot .debforge/sysroot kargs --unchanged-exit-77 --append-if-missing=quiet ' +
                '> .debforge/apt-ostree.out 2> .debforge/apt-ostree.err',
            'mkdir -p .debforge && apt-ostree --sysroot .debforge/sysroot status --json ' +
                '> .debforge/apt-ostree.out 2> .debforge/apt-ostree.err')
    assertThat(orchestrator.tagged['bookworm-candidate']).isEmpty()
    assertThat(orchestrator.tagged['bookworm-updates']).containsExactly(1)
    assertThat(orchestrator.published).containsExactly('bookworm-updates')
    assertThat(tumbi.runs*.token).containsExactly('secret-of-deb-orchestrator-token')
    assertThat(jenkins.shCalls.findAll { it.script.startsWith('deb-orchestrator move-build') }*.env*.DEB_ORCHESTRATOR_TOKEN)
        .containsExactly('secret-of-deb-orchestrator-token')
    assertThat(jenkins.currentBuild.description).isEqualTo('hello 2.10-3 amd64, arm64, all\n' +
        'compose Debian-12-20261203.0 (FINISHED) https://deb-orchestrator.example.org/composes/Debian-12-20261203.0')
    assertThat(jenkins.junitReports).containsExactly('composes/Debian-12-20261203.0/logs/test-results.xml')
    String commit = aptOstree.sysroots['.debforge/sysroot'][0].checksum
    assertThat(jenkins.log).contains("compose Debian-12-20261203.0: hello layered as ${commit}".toString())
    assertThat(pipeline.roundTrips).isEqualTo(jenkins.calls.size())
  }
}
