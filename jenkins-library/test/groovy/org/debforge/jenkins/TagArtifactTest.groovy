package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

class TagArtifactTest extends PipelineHarness {
  static final String IMPORTED =
      '{"created":true,"build":{"id":42,"nvr":"hello_2.10-3","source":"hello","version":"2.10-3"}}'

  def step

  @BeforeEach
  void loadStep() {
    env.BUILD_URL = 'https://ci.example.org/job/hello/job/main/7/'
    env.JOB_NAME = 'hello/main'
    env.BUILD_NUMBER = '7'
    onSh(' import ', [stdout: IMPORTED])
    onSh(' tag-build ', [stdout: '{"tagged":"bookworm-candidate"}'])
    step = loadScript('vars/tagArtifact.groovy')
  }

  @Test
  void importsWithProvenanceThenTagsAndReturnsTheBuildId() {
    def id = step.call(tag: 'bookworm-candidate', server: 'https://orch.example.org',
        credentialsId: 'orch-builder')

    assertThat(id).isEqualTo(42)
    assertThat(shScripts()).containsExactly(
        'deb-orchestrator import --server https://orch.example.org result ' +
            '--jenkins-url "$BUILD_URL" --jenkins-job "$JOB_NAME" --jenkins-number "$BUILD_NUMBER" --json',
        'deb-orchestrator tag-build --server https://orch.example.org bookworm-candidate 42 --json')
    assertThat(shCalls*.returnStdout).containsExactly(true, true)
  }

  @Test
  void tokenComesFromTheCredentialByEnvironmentOnly() {
    step.call(tag: 'bookworm-candidate', server: 'https://orch.example.org', credentialsId: 'orch-builder')

    assertThat(calls('withCredentials')).hasSize(1)
    assertThat(plain(calls('withCredentials')[0].args[0])).isEqualTo(
        [[$class: 'StringBinding', credentialsId: 'orch-builder', variable: 'DEB_ORCHESTRATOR_TOKEN']])
    String secret = 'secret-of-orch-builder'
    assertThat(shCalls*.env*.DEB_ORCHESTRATOR_TOKEN).containsExactly(secret, secret)
    assertThat(shScripts().findAll { it.contains(secret) || it.contains('--token') }).isEmpty()
    assertThat(firstArgs('echo').findAll { it.contains(secret) }).isEmpty()
    assertThat(env).doesNotContainKey('DEB_ORCHESTRATOR_TOKEN')
  }

  @Test
  void defaultCredentialAndQuotedArguments() {
    step.call(tag: "odd tag", result: 'out dir', server: 'https://orch.example.org')

    assertThat(firstArgs('string')).containsExactly(
        [credentialsId: 'deb-orchestrator-token', variable: 'DEB_ORCHESTRATOR_TOKEN'])
    assertThat(shScripts()[0]).startsWith("deb-orchestrator import --server https://orch.example.org 'out dir' ")
    assertThat(shScripts()[1]).isEqualTo(
        "deb-orchestrator tag-build --server https://orch.example.org 'odd tag' 42 --json")
  }

  @Test
  void failedImportStopsBeforeTagging() {
    shAnswers.clear()
    onSh(' import ', [status: 6])

    assertThatThrownBy { step.call(tag: 't', server: 'https://orch.example.org') }
        .isInstanceOf(PipelineError)
        .hasMessage('script returned exit code 6')
    assertThat(shScripts()).hasSize(1)
  }

  @Test
  void unknownOptionIsRejectedWithTheAllowedOnes() {
    assertThatThrownBy { step.call(tag: 't', server: 'https://x', token: 'dfo_leak') }
        .isInstanceOf(PipelineError)
        .hasMessage('tagArtifact: unknown option(s) token; allowed: tag, result, server, credentialsId')
    assertThat(shCalls).isEmpty()
  }

  @Test
  void tagAndServerAreRequired() {
    assertThatThrownBy { step.call(server: 'https://x') }
        .hasMessageStartingWith("tagArtifact: option 'tag' is required")
    assertThatThrownBy { step.call(tag: 't') }
        .hasMessageStartingWith("tagArtifact: option 'server' is required")
  }
}
