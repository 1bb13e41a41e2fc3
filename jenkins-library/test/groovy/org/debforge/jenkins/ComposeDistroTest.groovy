package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import org.debforge.jenkins.cps.CpsPipeline
import org.debforge.jenkins.cps.FakeJenkins
import org.debforge.jenkins.cps.FakeTumbi
import org.debforge.jenkins.cps.PipelineError
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** composeDistro under CPS, on a fake compose agent whose tumbi-assembler writes a compose folder. */
class ComposeDistroTest {
  static final String P = 'composes/Debian-12-20261203.0'
  static final String COMPOSE = 'mkdir -p .debforge && tumbi-assembler compose blueprints/bookworm.yaml ' +
      '--target composes --json'
  static final String REDIRECT = ' > .debforge/compose.json 2> .debforge/compose.err'

  FakeJenkins jenkins = new FakeJenkins()
  CpsPipeline pipeline = new CpsPipeline(jenkins)
  FakeTumbi tumbi

  @BeforeEach
  void agent() {
    jenkins.env.NODE_NAME = 'composer-1'
    jenkins.env.NODE_LABELS = 'composer-1 compose'
    tumbi = new FakeTumbi(jenkins)
  }

  static String[] inCompose(String... files) {
    return files.collect { P + '/' + it } as String[]
  }

  Object compose(String options = '') {
    return pipeline.run("""node('compose') {
      writeFile(file: 'blueprints/bookworm.yaml', text: 'name: Debian\\noutputs:\\n  - repo\\n  - {type: ostree, ref: r}\\n  - {type: image}\\n')
      return composeDistro(blueprint: 'blueprints/bookworm.yaml'${options ? ', ' + options : ''})
    }""")
  }

  @Test
  void composesArchivesMetadataFingerprintsImagesAndReturnsComposeinfo() {
    Map r = compose()

    assertThat(jenkins.shScripts()).containsExactly('command -v tumbi-assembler', COMPOSE + ' --no-record' + REDIRECT)
    assertThat(jenkins.firstArgs('archiveArtifacts')).containsExactly(
        [artifacts: "${P}/metadata/*.json,${P}/logs/**".toString(), allowEmptyArchive: true, fingerprint: true])
    assertThat(jenkins.archived.keySet()).containsExactlyInAnyOrder(inCompose('metadata/composeinfo.json',
        'metadata/packages.json', 'metadata/lock.json', 'metadata/ostree.json', 'metadata/images.json',
        'metadata/test.json', 'logs/gather.log', 'logs/test-results.xml'))
    // The images are fingerprinted where they are, never archived by default.
    assertThat(jenkins.firstArgs('fingerprint')).containsExactly("${P}/compose/*/*/images/**".toString())
    assertThat(jenkins.fingerprinted).contains("${P}/compose/Everything/amd64/images/disk.qcow2".toString(),
        "${P}/compose/Everything/amd64/images/disk.raw".toString())
    assertThat(jenkins.archived.keySet().findAll { it.contains('/images/') }).isEmpty()
    assertThat(jenkins.junitReports).containsExactly("${P}/logs/test-results.xml".toString())
    assertThat(jenkins.currentBuild.description).isEqualTo('compose Debian-12-20261203.0 (FINISHED)')
    assertThat(jenkins.currentBuild.result).isNull()
    assertThat(r.subMap('id', 'status', 'path', 'url')).isEqualTo(
        [id: 'Debian-12-20261203.0', status: 'FINISHED', path: P, url: null])
    assertThat(r.composeinfo.payload.compose.id).isEqualTo('Debian-12-20261203.0')
    assertThat(pipeline.roundTrips).isEqualTo(jenkins.calls.size())
  }

  @Test
  void publishRecordsWithTheTokenInTheEnvironmentAndLinksTheComposePage() {
    jenkins.credentials['orch'] = 's3cret'
    jenkins.currentBuild.description = 'hello 2.10-3 amd64'
    Map r = compose("publish: [server: 'https://orch.example.org/', credentialsId: 'orch'], " +
        "oldComposes: 'old composes', images: 'archive'")

    assertThat(jenkins.shScripts()[1]).isEqualTo(COMPOSE +
        " --old-composes 'old composes' --record --server https://orch.example.org/" + REDIRECT)
    assertThat(jenkins.shScripts().join('\n')).doesNotContain('s3cret')
    assertThat(tumbi.runs[0].token).isEqualTo('s3cret')
    assertThat(r.url).isEqualTo('https://orch.example.org/composes/Debian-12-20261203.0')
    assertThat(jenkins.currentBuild.description).isEqualTo(
        'hello 2.10-3 amd64\ncompose Debian-12-20261203.0 (FINISHED) https://orch.example.org/composes/Debian-12-20261203.0')
    assertThat(jenkins.log).contains(
        'composeDistro: compose Debian-12-20261203.0 (FINISHED): https://orch.example.org/composes/Debian-12-20261203.0')
    assertThat(jenkins.firstArgs('archiveArtifacts')[1]).isEqualTo(
        [artifacts: "${P}/compose/*/*/images/**".toString(), allowEmptyArchive: true, fingerprint: true])
    assertThat(jenkins.archived.keySet()).contains("${P}/compose/Everything/amd64/images/disk.qcow2".toString())
    assertThat(jenkins.firstArgs('fingerprint')).isEmpty()
  }

  @Test
  void doomedComposeArchivesMetadataAndLogsThenFailsNamingExit45() {
    tumbi.status = 'DOOMED'
    tumbi.failedPhase = 'rootfs'
    tumbi.failedError = 'mmdebstrap failed'

    assertThatThrownBy { compose() }
        .isInstanceOf(PipelineError)
        .hasMessage('composeDistro: tumbi-assembler compose exited with 45 (compose-failed): a tumbi-assembler ' +
            'compose phase failed: the compose is DOOMED (see logs/PHASE.log); it said: compose Debian-12-20261203.0 ' +
            "is DOOMED: phase rootfs failed: mmdebstrap failed; hint: see ${P}/logs/PHASE.log (archived with this build)")
    assertThat(jenkins.archived.keySet()).containsExactlyInAnyOrder(inCompose('metadata/composeinfo.json', 'logs/gather.log'))
    assertThat(jenkins.currentBuild.description).isEqualTo('compose Debian-12-20261203.0 (DOOMED)')
    assertThat(jenkins.firstArgs('fingerprint')).isEmpty()
  }

  @Test
  void finishedIncompleteMakesTheBuildUnstableNamingThePhase() {
    tumbi.status = 'FINISHED_INCOMPLETE'
    Map r = compose()

    assertThat(r.status).isEqualTo('FINISHED_INCOMPLETE')
    assertThat(jenkins.currentBuild.result).isEqualTo('UNSTABLE')
    assertThat(jenkins.firstArgs('unstable')).containsExactly(
        'composeDistro: compose Debian-12-20261203.0 is FINISHED_INCOMPLETE: failable phase(s) failed: image (mkfs.ext4 failed)')
  }

  @Test
  void noTestPhaseNoImagesNoJunitNoFingerprint() {
    tumbi.testPhase = false
    tumbi.images = false
    // A rerun of the same compose id replaces its line rather than adding a second one.
    jenkins.currentBuild.description = 'nightly\ncompose Debian-12-20261203.0 (DOOMED)'
    compose('archive: false')

    assertThat(jenkins.currentBuild.description).isEqualTo('nightly\ncompose Debian-12-20261203.0 (FINISHED)')

    assertThat(jenkins.firstArgs('junit')).isEmpty()
    assertThat(jenkins.firstArgs('fingerprint')).isEmpty()
    assertThat(jenkins.firstArgs('archiveArtifacts')).isEmpty()
  }

  @Test
  void otherExitCodesAreNamedQuotingStderr() {
    tumbi.forcedExit = 50
    tumbi.forcedMessage = 'outputs[2].type: unknown output "imgae"'

    assertThatThrownBy { compose() }.isInstanceOf(PipelineError).hasMessage(
        'composeDistro: tumbi-assembler compose exited with 50 (config): ' +
            new groovy.json.JsonSlurper().parse(new File(CpsPipeline.MODULE, 'resources/org/debforge/jenkins/exit-codes.json'))
                .codes.find { it.code == 50 }.meaning +
            '; it said: tumbi-assembler: outputs[2].type: unknown output "imgae"; ' +
            "hint: the blueprint 'blueprints/bookworm.yaml' or the agent's settings are wrong; the message names the key")
    assertThat(jenkins.firstArgs('archiveArtifacts')).isEmpty()
  }

  @Test
  void aDoomedRunWithoutAnAnswerIsNamedFromItsExitCode() {
    jenkins.onSh('tumbi-assembler compose ', [status: 45, stderr: 'tumbi-assembler: killed\n'])

    assertThatThrownBy { compose() }.isInstanceOf(PipelineError).hasMessageStartingWith(
        'composeDistro: tumbi-assembler compose exited with 45 (compose-failed)')
        .hasMessageEndingWith("it said: tumbi-assembler: killed; hint: see the compose folder's logs/; it printed no --json answer")
    assertThat(jenkins.firstArgs('archiveArtifacts')).isEmpty()
  }

  @Test
  void requiredOutputsTheBlueprintLacksAreRefusedBeforeComposing() {
    assertThatThrownBy { compose("outputs: ['repo', 'image', 'live', 'oci']") }.isInstanceOf(PipelineError).hasMessage(
        "composeDistro: blueprint 'blueprints/bookworm.yaml' makes no live, oci output; the pipeline requires " +
            'repo, image, live, oci (outputs: is checked, the blueprint decides)')
    assertThat(jenkins.shCalls).isEmpty()

    compose("outputs: ['ostree', 'image']")
    assertThat(tumbi.runs).hasSize(1)
  }

  @Test
  void badOptionsAreRefusedNamingTheAllowedOnes() {
    assertThatThrownBy { compose("image: 'archive'") }.hasMessage('composeDistro: unknown option(s) image; allowed: ' +
        'blueprint, outputs, target, oldComposes, publish, archive, images, before, after')
    assertThatThrownBy { compose("after: 'sign.sh'") }.hasMessage('composeDistro: after: must be a closure, not String')
    assertThatThrownBy { compose("images: 'copy'") }.hasMessage("composeDistro: images: 'copy' is not one of fingerprint, archive")
    assertThatThrownBy { compose("publish: [url: 'x']") }.hasMessage(
        'composeDistro: publish: takes server (required) and credentialsId, not [url]')
    assertThatThrownBy { pipeline.run("node('c') { composeDistro(blueprint: 'nope.yaml') }") }.hasMessage(
        "composeDistro: blueprint 'nope.yaml' is not in the workspace (did the stage run checkout scm?)")
    jenkins.onSh('command -v tumbi-assembler', [status: 1])
    assertThatThrownBy { compose() }.hasMessage("composeDistro: tumbi-assembler is not installed on agent 'composer-1' " +
        "(labels: composer-1 compose); run this step on an agent labelled 'compose' (see docs/jenkins.md)")
    assertThat(tumbi.runs).isEmpty()
  }

  @Test
  void callbacksRunBeforeAndAfterOnTheAgentAndAFailingOneIsNamed() {
    String ids = compose("before: { sh 'gpg --import keys/compose.asc' }, " +
        "after: { r -> sh \"sign-images ${'$'}{r.path}\" }").id
    assertThat(ids).isEqualTo('Debian-12-20261203.0')
    assertThat(jenkins.shScripts()).containsExactly('command -v tumbi-assembler', 'gpg --import keys/compose.asc',
        COMPOSE + ' --no-record' + REDIRECT, "sign-images ${P}".toString())

    jenkins.onSh('sign-images', [status: 2])
    assertThatThrownBy { compose("archive: false, after: { r -> sh \"sign-images ${'$'}{r.path}\" }") }.isInstanceOf(PipelineError)
        .hasMessage('composeDistro: the after callback failed: script returned exit code 2')
    assertThatThrownBy { compose("archive: false, before: { error('no key') }") }
        .hasMessage('composeDistro: the before callback failed: no key')
    assertThat(tumbi.runs).hasSize(2)
  }
}
