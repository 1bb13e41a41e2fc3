package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import groovy.json.JsonSlurper
import org.debforge.jenkins.cps.CpsPipeline
import org.debforge.jenkins.cps.FakeDebMock
import org.debforge.jenkins.cps.FakeJenkins
import org.debforge.jenkins.cps.FakeOrchestrator
import org.debforge.jenkins.cps.PipelineError
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** tagArtifact under CPS against a fake deb-orchestrator that keeps the real one's import and tag rules. */
class TagArtifactTest {
  static final String SERVER = 'https://orch.example.org'
  static final String PROVENANCE = '--jenkins-url "$BUILD_URL" --jenkins-job "$JOB_NAME" --jenkins-number "$BUILD_NUMBER" --json'
  static final String TO_FILES = ' > .debforge/orchestrator.json 2> .debforge/orchestrator.err'

  FakeJenkins jenkins = new FakeJenkins()
  CpsPipeline pipeline = new CpsPipeline(jenkins)
  FakeDebMock debMock = new FakeDebMock(jenkins)
  FakeOrchestrator orchestrator = new FakeOrchestrator(jenkins)

  @BeforeEach
  void build() {
    jenkins.env.BUILD_URL = 'https://ci.example.org/job/hello/job/main/7/'
    jenkins.env.JOB_NAME = 'hello/main'
    jenkins.env.BUILD_NUMBER = '7'
  }

  /** Builds amd64 (with the all packages) and arm64 (-B) in one workspace, then runs tagArtifact(options). */
  Object run(String options) {
    return pipeline.run("""node('debian') {
      debMockBuild(archive: false)
      debMockBuild(config: 'bookworm-arm64', archAll: false, archive: false)
      return tagArtifact(${options})
    }""")
  }

  static String line(String args) {
    return "mkdir -p .debforge && deb-orchestrator ${args}${TO_FILES}".toString()
  }

  @Test
  void importsEveryArchitectureIntoOneBuildThenTagsIt() {
    def id = run("tag: 'bookworm-candidate', server: '${SERVER}', result: ['result/amd64', 'result/arm64'], credentialsId: 'orch-builder'")

    assertThat(id).isEqualTo(1)
    assertThat(jenkins.shScripts().findAll { it.contains('deb-orchestrator') }).containsExactly(
        line("import --server ${SERVER} result/amd64 ${PROVENANCE}"),
        line("import --server ${SERVER} result/arm64 ${PROVENANCE}"),
        line("list-tagged --server ${SERVER} bookworm-candidate hello --json"),
        line("tag-build --server ${SERVER} bookworm-candidate 1 --json"))
    assertThat(orchestrator.builds['hello_2.10-3'].parts.keySet()).containsExactly('amd64', 'arm64')
    assertThat(orchestrator.tagged['bookworm-candidate']).containsExactly(1)
    assertThat(jenkins.log).containsExactly(
        'tagArtifact: result/amd64 imported into build 1 (hello_2.10-3)',
        'tagArtifact: result/arm64 imported into build 1 (hello_2.10-3)',
        'tagArtifact: build 1 tagged bookworm-candidate')
    assertThat(pipeline.roundTrips).isEqualTo(jenkins.calls.size())
  }

  @Test
  void runningAgainWithIdenticalContentChangesNothingAndSucceeds() {
    String options = "tag: 'bookworm-candidate', server: '${SERVER}', result: ['result/amd64', 'result/arm64']"
    run(options)
    jenkins.log.clear()
    // A rerun builds the same content again (reproducibly) and imports it again.
    def id = run(options)

    assertThat(id).isEqualTo(1)
    assertThat(jenkins.log).containsExactly(
        'tagArtifact: result/amd64 is already in build 1 (hello_2.10-3)',
        'tagArtifact: result/arm64 is already in build 1 (hello_2.10-3)',
        'tagArtifact: build 1 is already tagged bookworm-candidate')
    assertThat(jenkins.shScripts().count { it.contains('tag-build') }).isEqualTo(1)
  }

  @Test
  void otherContentForAnImportedVersionFailsNamingTheConflict() {
    String options = "tag: 'bookworm-candidate', server: '${SERVER}', result: ['result/amd64']"
    run(options)
    debMock.salt = 'rebuilt with another compiler'

    assertThatThrownBy { run(options) }
        .isInstanceOf(PipelineError)
        .hasMessage('tagArtifact: deb-orchestrator import of result/amd64 exited with 6 (conflict): conflict with ' +
            "existing state; deb-mock: the result directory holds a previous build's files (--clean-resultdir); " +
            'it said: deb-orchestrator: hello_2.10-3 (amd64) is already imported with other content (build 1, ' +
            'COMPLETE, imported by jenkins); hint: this version is already imported (or tagged) with other ' +
            'content: a version is built once per architecture; upload a new version (a binNMU or a new revision)')
    assertThat(jenkins.shScripts().count { it.contains('tag-build') }).isEqualTo(1)
  }

  @Test
  void tokenComesFromTheCredentialByEnvironmentOnly() {
    jenkins.credentials['orch-builder'] = 'dfo_s3cret'
    run("tag: 'bookworm-candidate', server: '${SERVER}', result: 'result/amd64', credentialsId: 'orch-builder'")

    assertThat(jenkins.firstArgs('withCredentials')).isEmpty() // a block step: Jenkins' half is bindCredentials
    assertThat(jenkins.firstArgs('bindCredentials')).containsExactly(
        [[$class: 'StringBinding', credentialsId: 'orch-builder', variable: 'DEB_ORCHESTRATOR_TOKEN']])
    List orchestratorCalls = jenkins.shCalls.findAll { it.script.contains('deb-orchestrator') }
    assertThat(orchestratorCalls*.env*.DEB_ORCHESTRATOR_TOKEN).containsOnly('dfo_s3cret').hasSize(3)
    assertThat(jenkins.shScripts().findAll { it.contains('dfo_s3cret') || it.contains('--token') }).isEmpty()
    assertThat(jenkins.log.findAll { it.contains('dfo_s3cret') }).isEmpty()
    assertThat(jenkins.effectiveEnv()).doesNotContainKey('DEB_ORCHESTRATOR_TOKEN')
  }

  @Test
  void defaultCredentialAndQuotedArguments() {
    orchestrator.tags['odd tag'] = ['hello']
    pipeline.run("""node('debian') {
      debMockBuild(resultDir: 'out dir', archive: false)
      tagArtifact(tag: 'odd tag', result: 'out dir', server: '${SERVER}')
    }""")

    assertThat(jenkins.firstArgs('string')).containsExactly(
        [credentialsId: 'deb-orchestrator-token', variable: 'DEB_ORCHESTRATOR_TOKEN'])
    List lines = jenkins.shScripts().findAll { it.contains('deb-orchestrator') }
    assertThat(lines[0]).startsWith("mkdir -p .debforge && deb-orchestrator import --server ${SERVER} 'out dir' ")
    assertThat(lines[2]).isEqualTo(line("tag-build --server ${SERVER} 'odd tag' 1 --json"))
  }

  @Test
  void resultsOfTwoVersionsAreRefusedBeforeTagging() {
    // The arm64 cell built another version than the amd64 cell.
    jenkins.onSh('deb-mock -r bookworm-arm64') { Map call ->
      debMock.version = '2.10-4'
      return debMock.handle(call)
    }
    assertThatThrownBy { run("tag: 'bookworm-candidate', server: '${SERVER}', result: ['result/amd64', 'result/arm64']") }
        .hasMessage('tagArtifact: result/amd64 is build 1 (hello_2.10-3) but result/arm64 is build 2 ' +
            "(hello_2.10-4); 'result' lists one source version's results (one per architecture)")
    assertThat(jenkins.shScripts().findAll { it.contains('tag-build') }).isEmpty()
  }

  @Test
  void everyFailureCodeIsNamedAndQuotesTheServer() {
    List rows = new JsonSlurper().parse(new File(CpsPipeline.MODULE, 'resources/org/debforge/jenkins/exit-codes.json')).codes
    for (int code : [3, 4, 5, 6, 7, 10, 20, 30, 40, 50, 60, 61]) {
      Map row = rows.find { it.code == code }
      FakeJenkins j = new FakeJenkins()
      new FakeDebMock(j)
      FakeOrchestrator o = new FakeOrchestrator(j)
      o.forcedExit = code
      o.forcedMessage = "refused (${code})"
      assertThatThrownBy {
        new CpsPipeline(j).run("node('x') { debMockBuild(archive: false); tagArtifact(tag: 't', server: 'https://x') }")
      }.as("exit ${code}").hasMessageStartingWith("tagArtifact: deb-orchestrator import of result exited with ${code} " +
          "(${row.name}): ${row.meaning}; it said: deb-orchestrator: refused (${code}); hint: ")
    }
  }

  @Test
  void anUnknownTokenIsNamedWithTheCredential() {
    orchestrator.forcedExit = 60
    orchestrator.forcedMessage = 'not authenticated: the token is unknown'

    assertThatThrownBy { run("tag: 't', server: 'https://x', credentialsId: 'orch'") }
        .hasMessageEndingWith("hint: credential 'orch' holds no token this server knows: deb-orchestrator token create, " +
            'stored as secret text')
  }

  @Test
  void aTagWithoutThePackageFailsAfterTheImport() {
    orchestrator.tags['bookworm-candidate'] = []

    assertThatThrownBy { run("tag: 'bookworm-candidate', server: '${SERVER}', result: 'result/amd64'") }
        .hasMessageContaining('tagArtifact: deb-orchestrator tag-build exited with 5 (not-found)')
        .hasMessageContaining("it said: deb-orchestrator: package 'hello' is not in the package list of tag 'bookworm-candidate'")
    assertThat(orchestrator.builds).containsKey('hello_2.10-3')
  }

  @Test
  void unknownOptionIsRejectedWithTheAllowedOnes() {
    assertThatThrownBy { pipeline.run("node('x') { tagArtifact(tag: 't', server: 'https://x', token: 'dfo_leak') }") }
        .isInstanceOf(PipelineError)
        .hasMessage('tagArtifact: unknown option(s) token; allowed: tag, result, server, credentialsId')
    assertThat(jenkins.shCalls).isEmpty()
  }

  @Test
  void tagAndServerAreRequired() {
    assertThatThrownBy { pipeline.run("tagArtifact(server: 'https://x')") }
        .hasMessageStartingWith("tagArtifact: option 'tag' is required")
    assertThatThrownBy { pipeline.run("tagArtifact(tag: 't')") }
        .hasMessageStartingWith("tagArtifact: option 'server' is required")
  }
}
