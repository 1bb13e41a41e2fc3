package org.debforge.jenkins

import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library
import static com.lesfurets.jenkins.unit.global.lib.LocalSource.localSource
import static org.assertj.core.api.Assertions.assertThat

import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** Runs the example multibranch Jenkinsfile (with the library loaded as Jenkins would) and ours. */
class JenkinsfilesTest extends PipelineHarness {
  static final String RESULT_JSON = new File(MODULE, 'test/resources/result-hello.json').text

  @BeforeEach
  void registerLibrary() {
    // LocalSource looks for NAME@VERSION under its directory: point that at this module, whose
    // vars/, src/ and resources/ are what Jenkins loads with libraryPath 'jenkins-library/'.
    Path libs = MODULE.toPath().resolve('target/pipeline-libraries')
    Files.createDirectories(libs)
    Path link = libs.resolve('debforge@main')
    if (!Files.exists(link)) {
      Files.createSymbolicLink(link, MODULE.toPath())
    }
    helper.registerSharedLibrary(library().name('debforge').defaultVersion('main')
        .allowOverride(true).implicit(false).targetPath(libs.toString())
        .retriever(localSource(libs.toString())).build())
    env.NODE_NAME = 'builder-1'
    env.NODE_LABELS = 'builder-1 debian amd64 arm64'
    env.BUILD_URL = 'https://ci.example.org/job/hello/job/main/3/'
    env.JOB_NAME = 'hello/main'
    env.BUILD_NUMBER = '3'
    workspace['result/result.json'] = RESULT_JSON
    onSh(' import ', [stdout: '{"created":true,"build":{"id":9,"nvr":"hello_2.10-3"}}'])
  }

  @Test
  void packageRepoOnMainBuildsEveryArchitectureAndTagsTheCandidate() {
    env.BRANCH_NAME = 'main'
    runScript('examples/package-repo.Jenkinsfile')

    assertThat(agentLabels.collect { it.toString() }).containsExactly('debian && amd64', 'debian && arm64')
    assertThat(shScripts()).containsExactly(
        'command -v deb-mock',
        'deb-mock -r bookworm-amd64 --resultdir result --clean-resultdir build .',
        'lintian result/*.changes | python3 .debforge/lintian-junit.py result/lintian.xml',
        'deb-orchestrator import --server https://deb-orchestrator.example.org result ' +
            '--jenkins-url "$BUILD_URL" --jenkins-job "$JOB_NAME" --jenkins-number "$BUILD_NUMBER" --json',
        'deb-orchestrator tag-build --server https://deb-orchestrator.example.org bookworm-candidate 9 --json',
        'command -v deb-mock',
        'deb-mock -r bookworm-arm64 --resultdir result --clean-resultdir build .',
        'lintian result/*.changes | python3 .debforge/lintian-junit.py result/lintian.xml',
        'deb-orchestrator import --server https://deb-orchestrator.example.org result ' +
            '--jenkins-url "$BUILD_URL" --jenkins-job "$JOB_NAME" --jenkins-number "$BUILD_NUMBER" --json',
        'deb-orchestrator tag-build --server https://deb-orchestrator.example.org bookworm-candidate 9 --json')
    assertThat(firstArgs('string')).containsOnly(
        [credentialsId: 'deb-orchestrator-token', variable: 'DEB_ORCHESTRATOR_TOKEN'])
    assertThat(stagesSkipped).isEmpty()
  }

  @Test
  void packageRepoOnABranchOnlyBuilds() {
    env.BRANCH_NAME = 'feature/fix-ftbfs'
    runScript('examples/package-repo.Jenkinsfile')

    assertThat(shScripts().findAll { it.startsWith('deb-orchestrator') }).isEmpty()
    assertThat(shScripts().findAll { it.startsWith('deb-mock') }).containsExactly(
        'deb-mock -r bookworm-amd64 --resultdir result --clean-resultdir build .',
        'deb-mock -r bookworm-arm64 --resultdir result --clean-resultdir build .')
    assertThat(calls('withCredentials')).isEmpty()
    assertThat(stagesSkipped).containsExactly('Tag candidate', 'Tag candidate')
    Map archived = [artifacts: 'result/*.deb,result/*.udeb,result/*.ddeb,result/*.changes,' +
        'result/*.buildinfo,result/*.log,result/result.json', fingerprint: true]
    assertThat(firstArgs('archiveArtifacts')).containsExactly(archived, archived)
  }

  @Test
  void projectJenkinsfileBuildsTestsAndArchivesTheDistribution() {
    runScript('../Jenkinsfile')

    assertThat(agentLabels).containsExactly('debian && amd64')
    assertThat(stagesRun).containsExactly('Build', 'Test', 'Archive')
    assertThat(shScripts()).containsExactly('mvn -B -ntp package -DskipTests', './scripts/test')
    assertThat(firstArgs('junit')).containsExactly([
        testResults: '**/target/surefire-reports/*.xml, **/target/failsafe-reports/*.xml',
        allowEmptyResults: false])
    assertThat(firstArgs('archiveArtifacts')).containsExactly(
        [artifacts: 'dist/target/debforge-*.tar.gz', fingerprint: true])
  }
}
