package org.debforge.jenkins.cps

import groovy.json.JsonOutput

/**
 * tumbi-assembler compose as the agent runs it, for the sh lines composeDistro writes: it reads
 * BLUEPRINT, --target, --old-composes, --record/--no-record and --server, and writes a compose
 * folder TARGET/ID as the real one does (docs/compose.md): metadata/ of the phases that ran
 * (composeinfo.json also when DOOMED), logs/, images under compose/Everything/ARCH/images/ and,
 * when the test phase ran, logs/test-results.xml. It prints the --json answer of docs/cli-json.md
 * and exits 45 when DOOMED. Recording needs $DEB_ORCHESTRATOR_TOKEN (else exit 60).
 */
class FakeTumbi {
  final FakeJenkins jenkins
  String composeId = 'Debian-12-20261203.0'
  /** FINISHED, FINISHED_INCOMPLETE or DOOMED. */
  String status = 'FINISHED'
  /** The failing phase of a DOOMED or FINISHED_INCOMPLETE compose. */
  String failedPhase = 'image'
  String failedError = 'mkfs.ext4 failed'
  boolean images = true
  boolean testPhase = true
  /** Forced exit (a usage or config error before any compose folder), with its stderr. */
  Integer forcedExit
  String forcedMessage
  /** Each run's argv and the token it saw. */
  List<Map> runs = []

  FakeTumbi(FakeJenkins jenkins) {
    this.jenkins = jenkins
    jenkins.onSh('tumbi-assembler compose ') { Map call -> handle(call.script.toString()) }
  }

  Map handle(String script) {
    List<String> argv = FakeDebMock.words(script.replaceFirst(/^mkdir -p \S+ && /, '')
        .replaceFirst(/\s>\s*\S+\s+2>\s*\S+\s*$/, ''))
    runs << [argv: argv, token: jenkins.envValue('DEB_ORCHESTRATOR_TOKEN')]
    if (forcedExit != null) {
      return [status: forcedExit, stderr: "tumbi-assembler: ${forcedMessage}\n".toString()]
    }
    if (argv.contains('--record') && !jenkins.envValue('DEB_ORCHESTRATOR_TOKEN')) {
      return [status: 60, stderr: 'tumbi-assembler: --record: no token ($DEB_ORCHESTRATOR_TOKEN)\n']
    }
    String target = argv[argv.indexOf('--target') + 1]
    String path = "${target}/${composeId}"
    boolean doomed = status == 'DOOMED'
    List<Map> phases = ['gather', 'createrepo', 'rootfs', 'ostree', 'image', 'test'].collect { name ->
      boolean failed = status != 'FINISHED' && name == failedPhase
      boolean ran = !(name == 'test' && !testPhase) && !(doomed && phaseIndex(name) > phaseIndex(failedPhase))
      [name: name, status: failed ? 'failed' : (ran ? 'finished' : 'skipped'), seconds: 1, error: failed ? failedError : null]
    }
    Map header = [header: [type: 'productmd.composeinfo', version: '1.2']]
    write(path, 'metadata/composeinfo.json', header + [payload: [compose: [id: composeId, type: 'production'],
        release: [name: 'Debian', short: 'debian', version: '12']], debforge: [status: status, phases: phases]])
    write(path, 'logs/gather.log', 'gather log')
    if (!doomed) {
      write(path, 'metadata/packages.json', [payload: [packages: [:]]])
      write(path, 'metadata/lock.json', [schema: 1])
      write(path, 'metadata/ostree.json', [[arch: 'amd64', ref: 'debian/bookworm/amd64/minimal', commit: 'c0ffee']])
    }
    if (images && !doomed) {
      write(path, 'metadata/images.json', [payload: [images: [Everything: [amd64: [[path: 'Everything/amd64/images/disk.qcow2']]]]]])
      jenkins.write("${path}/compose/Everything/amd64/images/disk.qcow2".toString(), 'qcow2 bytes')
      jenkins.write("${path}/compose/Everything/amd64/images/disk.raw".toString(), 'raw bytes')
    }
    if (testPhase && !doomed) {
      write(path, 'metadata/test.json', [amd64: [seconds: 12]])
      jenkins.write("${path}/logs/test-results.xml".toString(), '<testsuite name="boot"><testcase name="amd64"/></testsuite>')
    }
    Map answer = [composeId: composeId, status: status, path: "/srv/jenkins/workspace/${path}".toString(),
                  reason: doomed ? "phase ${failedPhase} failed: ${failedError}".toString() : null, phases: phases]
    return [status: doomed ? 45 : 0, stdout: JsonOutput.toJson(answer)]
  }

  private static int phaseIndex(String name) {
    return ['gather', 'createrepo', 'rootfs', 'ostree', 'image', 'test'].indexOf(name)
  }

  private void write(String path, String file, Object json) {
    jenkins.write("${path}/${file}".toString(), json instanceof String ? json : JsonOutput.toJson(json))
  }
}
