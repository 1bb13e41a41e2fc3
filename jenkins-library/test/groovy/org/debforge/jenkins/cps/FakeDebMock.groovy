package org.debforge.jenkins.cps

import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.security.MessageDigest

/**
 * deb-mock as the agent runs it, for the sh lines the steps write: it reads the command line
 * (-r CONFIG, --resultdir, --host-arch, --no-arch-all/--no-arch-any, --source,
 * --clean-resultdir) and writes what deb-mock writes into the result directory
 * (docs/deb-mock-result.md): packages named for the architectures built, the .changes and
 * .buildinfo, logs (build.log compressed, as compress_logs leaves it), buildroot_lock.json and
 * result.json. The content is a function of the source version and {@link #salt}: two builds of
 * the same inputs are identical, as reproducible builds are, and a new salt makes other content.
 */
class FakeDebMock {
  static final String FIXTURE = new File(CpsPipeline.MODULE, 'test/resources/result-hello.json').getText('UTF-8')

  final FakeJenkins jenkins
  String salt = ''
  /** The source version the next builds have; null: result-hello.json's (2.10-3). */
  String version
  /** The next builds' exit code, result.json status and message (0, 'succeeded', null by default). */
  int exitCode = 0
  String status = 'succeeded'
  String message = null
  /** deb-mock --verify-reproducible's record, written when set. */
  boolean reproducible = false
  /** QA junit reports written under RESULT/qa/ (file name -> XML). */
  Map<String, String> qaReports = [:]
  /** Each run's parsed options: [config, resultDir, buildArch, hostArch, archAll, archAny]. */
  List<Map> runs = []

  FakeDebMock(FakeJenkins jenkins) {
    this.jenkins = jenkins
    jenkins.onSh('deb-mock -r ') { Map call -> handle(call) }
  }

  /** Splits a command line the steps quoted with Shell.join (plain words and '...' words). */
  static List<String> words(String line) {
    List<String> out = []
    def m = line =~ /'((?:[^']|'\\'')*)'|(\S+)/
    while (m.find()) {
      out << (m.group(1) != null ? m.group(1).replace("'\\''", "'") : m.group(2))
    }
    return out
  }

  private static String option(List<String> argv, String name) {
    int i = argv.indexOf(name)
    return i < 0 ? null : argv[i + 1]
  }

  static String sha256(String text) {
    return MessageDigest.getInstance('SHA-256').digest(text.getBytes('UTF-8')).encodeHex().toString()
  }

  /** Answers one sh call of deb-mock: writes the result directory, returns the exit status. */
  Map handle(Map call) {
    List<String> argv = words(call.script.toString())
    String config = option(argv, '-r')
    String dir = option(argv, '--resultdir')
    String buildArch = config.substring(config.lastIndexOf('-') + 1)
    String hostArch = option(argv, '--host-arch') ?: buildArch
    boolean archAll = !argv.contains('--no-arch-all')
    boolean archAny = !argv.contains('--no-arch-any')
    runs << [config: config, resultDir: dir, buildArch: buildArch, hostArch: hostArch, archAll: archAll, archAny: archAny]
    if (argv.contains('--clean-resultdir')) {
      jenkins.workspace.keySet().removeAll { it.startsWith(dir + '/') && !it.substring(dir.length() + 1).contains('/') }
    }

    Map record = new JsonSlurper().parseText(FIXTURE)
    if (this.version != null) {
      record.source.version = this.version
    }
    String version = record.source.version
    Map<String, String> files = [:]
    // 11: the packages built and are collected, QA did not pass (deb-mock's unstable exit).
    if (exitCode == 0 || exitCode == 11) {
      if (archAny) {
        files["hello_${version}_${hostArch}.deb".toString()] = "hello ${version} ${hostArch} ${salt}"
      }
      if (archAll) {
        files["hello-doc_${version}_all.deb".toString()] = "hello-doc ${version} all ${salt}"
      }
      String changesArch = archAny ? hostArch : 'all'
      String listed = files.collect { name, text -> " ${sha256(text)} ${text.length()} ${name}" }.join('\n')
      files["hello_${version}_${changesArch}.buildinfo".toString()] = "Architecture: ${changesArch}\n${salt}"
      files["hello_${version}_${changesArch}.changes".toString()] =
          "Source: hello\nVersion: ${version}\nArchitecture: ${archAny ? hostArch : ''}${archAll ? ' all' : ''}\nChecksums-Sha256:\n${listed}\n"
    }
    List<Map> artifacts = files.collect { name, text ->
      [name: name, kind: name.substring(name.lastIndexOf('.') + 1), size: text.length(), sha256: sha256(text)]
    }
    files['build.log.gz'] = "build log of ${hostArch}"
    files['root.log'] = 'root log'
    files['state.log'] = 'state log'
    files['buildroot_lock.json'] = JsonOutput.toJson([schema_version: 1, arch: buildArch])
    if (reproducible) {
      files['reproducible.json'] = JsonOutput.toJson([reproducible: true])
    }
    qaReports.each { name, xml -> files["qa/${name}".toString()] = xml }

    record.status = exitCode == 0 ? status : (exitCode == 11 ? 'unstable' : 'failed')
    record.message = message
    record.config = config
    record.build = [type: archAll ? (archAny ? '-b' : '-A') : '-B', arch_any: archAny, arch_all: archAll,
                    profiles: [], host_arch: option(argv, '--host-arch')]
    record.chroot.name = config
    record.chroot.architecture = buildArch
    record.artifacts = artifacts
    record.logs = ['build.log.gz', 'root.log', 'state.log']
    files['result.json'] = JsonOutput.prettyPrint(JsonOutput.toJson(record))
    files.each { name, text -> jenkins.write("${dir}/${name}".toString(), text.toString()) }
    return [status: exitCode]
  }
}
