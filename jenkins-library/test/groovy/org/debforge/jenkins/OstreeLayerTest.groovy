package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import org.debforge.jenkins.cps.CpsPipeline
import org.debforge.jenkins.cps.FakeAptOstree
import org.debforge.jenkins.cps.FakeDebMock
import org.debforge.jenkins.cps.FakeJenkins
import org.debforge.jenkins.cps.PipelineError
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** ostreeLayer under CPS, on a fake ostree agent whose apt-ostree layers on an offline sysroot. */
class OstreeLayerTest {
  static final String OUT = ' > .debforge/apt-ostree.out 2> .debforge/apt-ostree.err'

  FakeJenkins jenkins = new FakeJenkins()
  CpsPipeline pipeline = new CpsPipeline(jenkins)
  FakeAptOstree aptOstree

  @BeforeEach
  void agent() {
    jenkins.env.NODE_NAME = 'ostree-2'
    jenkins.env.NODE_LABELS = 'ostree-2 ostree'
    aptOstree = new FakeAptOstree(jenkins)
    aptOstree.sysroot('sysroot')
  }

  Object layer(String options) {
    return pipeline.run("node('ostree') { return ostreeLayer(${options}) }")
  }

  @Test
  void layersPackagesRemovesThemAndAppendsKargsReturningTheNewCommit() {
    Map r = layer("sysroot: 'sysroot', install: ['hello', 'less'], kargs: ['quiet', 'console=ttyS0,115200']")

    assertThat(jenkins.shScripts()).containsExactly('command -v apt-ostree',
        'mkdir -p .debforge && apt-ostree --sysroot sysroot install --idempotent --unchanged-exit-77 hello less' + OUT,
        'mkdir -p .debforge && apt-ostree --sysroot sysroot kargs --unchanged-exit-77 --append-if-missing=quiet ' +
            '--append-if-missing=console=ttyS0,115200' + OUT,
        'mkdir -p .debforge && apt-ostree --sysroot sysroot status --json' + OUT)
    Map now = aptOstree.sysroots['sysroot'][0]
    assertThat(now.packages).containsExactly('hello', 'less')
    assertThat(now.kargs).containsExactly('rw', 'quiet', 'console=ttyS0,115200')
    assertThat(r.subMap('sysroot', 'commit', 'changed')).isEqualTo([sysroot: 'sysroot', commit: now.checksum, changed: true])
    assertThat(r.status.deployments[0]['requested-packages'] as List).containsExactly('hello', 'less')
    assertThat(pipeline.roundTrips).isEqualTo(jenkins.calls.size())

    Map again = layer("sysroot: 'sysroot', install: ['hello'], uninstall: ['less']")
    assertThat(aptOstree.sysroots['sysroot'][0].packages).containsExactly('hello')
    assertThat(again.commit).isNotEqualTo(r.commit)
  }

  @Test
  void aRerunChangesNothingAndPasses() {
    String first = layer("sysroot: 'sysroot', install: ['hello'], kargs: ['quiet']").commit
    Map r = layer("sysroot: 'sysroot', install: ['hello'], kargs: ['quiet']")

    assertThat(r.changed).isFalse()
    assertThat(r.commit).isEqualTo(first)
    assertThat(jenkins.log).contains('ostreeLayer: install: nothing to change', 'ostreeLayer: kargs: nothing to change',
        "ostreeLayer: sysroot: default deployment ${first} (unchanged)".toString())
  }

  @Test
  void refMakesAFreshSysrootFromTheComposeRepository() {
    Map r = layer("ref: 'debian/bookworm/amd64/minimal', repo: '/srv/ostree/repo', install: ['htop']")

    assertThat(jenkins.shScripts()[1]).isEqualTo('rm -rf .debforge/sysroot && ostree admin init-fs .debforge/sysroot && ' +
        'ostree admin os-init --sysroot=.debforge/sysroot debian && ostree --repo=.debforge/sysroot/ostree/repo ' +
        'pull-local /srv/ostree/repo debian/bookworm/amd64/minimal && ostree admin deploy --sysroot=.debforge/sysroot ' +
        '--os=debian debian/bookworm/amd64/minimal')
    assertThat(r.sysroot).isEqualTo('.debforge/sysroot')
    assertThat(aptOstree.sysroots['.debforge/sysroot'][0].packages).containsExactly('htop')

    aptOstree.makeExit = 1
    assertThatThrownBy { layer("ref: 'nope', repo: 'r'") }.isInstanceOf(PipelineError).hasMessage(
        "ostreeLayer: making a sysroot of nope from r failed (exit 1): is 'nope' in 'r' (ostree --repo=r refs)?")
  }

  @Test
  void apt_ostreeFailuresAreNamedQuotingItsError() {
    assertThatThrownBy { layer("sysroot: 'sysroot', install: ['hello', 'no-such-pkg']") }
        .isInstanceOf(PipelineError)
        .hasMessage('ostreeLayer: apt-ostree install exited with 30 (dependency-resolution): ' + meaning(30) +
            '; it said: error: package no-such-pkg has no installation candidate; hint: a package to install is not ' +
            'in the APT sources of the deployment, or its dependencies cannot be met')
    assertThatThrownBy { layer("sysroot: 'elsewhere', uninstall: ['less']") }
        .hasMessage('ostreeLayer: apt-ostree uninstall exited with 5 (not-found): ' + meaning(5) + '; it said: ' +
            'error: elsewhere: not an ostree sysroot (no ostree/deploy); hint: elsewhere is no ostree sysroot ' +
            '(ostree admin init-fs and deploy make one; or give ref: and repo:)')
  }

  static String meaning(int code) {
    return new groovy.json.JsonSlurper().parse(new File(CpsPipeline.MODULE, 'resources/org/debforge/jenkins/exit-codes.json'))
        .codes.find { it.code == code }.meaning
  }

  @Test
  void badOptionsAndTestAreRefusedBeforeAnyWork() {
    assertThatThrownBy { layer("sysroot: 's', kargs: ['x'], karg: 'y'") }.hasMessage('ostreeLayer: unknown option(s) karg; ' +
        'allowed: sysroot, ref, repo, os, install, uninstall, kargs, test')
    assertThatThrownBy { layer("install: ['x']") }.hasMessage(
        'ostreeLayer: give one of sysroot: (an offline sysroot) or ref: (with repo:, a sysroot is made from it)')
    assertThatThrownBy { layer("sysroot: 's', ref: 'r'") }.hasMessageStartingWith('ostreeLayer: give one of sysroot:')
    assertThatThrownBy { layer("ref: 'r'") }.hasMessage("ostreeLayer: ref: 'r' needs repo: the ostree repository that holds it")
    assertThatThrownBy { layer("sysroot: 'sysroot', test: true") }.hasMessage('ostreeLayer: test: true is not available ' +
        "yet: no debforge command boots an offline sysroot; boot the compose's image output instead (composeDistro " +
        'publishes its test phase)')
    assertThat(jenkins.shCalls).isEmpty()
    jenkins.onSh('command -v apt-ostree', [status: 1])
    assertThatThrownBy { layer("sysroot: 'sysroot'") }.hasMessage("ostreeLayer: apt-ostree is not installed on agent " +
        "'ostree-2' (labels: ostree-2 ostree); run this step on an agent labelled 'ostree' (see docs/jenkins.md)")
  }
}
