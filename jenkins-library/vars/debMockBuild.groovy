import groovy.transform.Field
import org.debforge.jenkins.Shell

// Every option the step takes, with its default. One place lists them: the caller's map is laid
// over this one, and a key not in it is refused (a typo must not silently build the default).
@Field static final Map DEFAULTS = [
  config: 'bookworm-amd64', // deb-mock -r: a shipped config name or a path to a YAML config
  source: '.',              // a .dsc (deb-mock --rebuild) or an unpacked source tree (deb-mock build)
  resultDir: 'result',      // --resultdir, relative to the workspace; holds result.json and logs.
                            // The step's own: a previous build's files in it are removed
                            // (--clean-resultdir); inside a source tree, it is never built into it
  plugins: [],              // plugin names, each passed as --enable-plugin NAME
  pluginOptions: [:],       // [plugin: [key: value]], each passed as --plugin-option plugin:key=value
  enableNetwork: false,     // --enable-network: let the build reach the network (off, as in Mock)
  archAll: null,            // true/false: --arch-all/--no-arch-all (sbuild's); null: deb-mock's default
                            // (built). A matrix passes false on every cell but one.
  archAny: null,            // true/false: --arch-any/--no-arch-any; null: deb-mock's default (built)
  hostArch: null,           // --host-arch ARCH: cross-build for ARCH (e.g. 'arm64') on this agent
  sourceful: false,         // --source: also build the source package; the .changes is sourceful
  orig: null,               // build --orig FILE: the upstream tarball of a 3.0 (quilt) tree; null:
                            // deb-mock finds it (beside the tree, pristine-tar, upstream tag)
  archive: true,            // archiveArtifacts (fingerprinted) packages, .changes, .buildinfo, logs
  lintian: false,           // run lintian on the .changes and publish its findings with junit
]

// The launchers' exit codes (docs/cli.md). The CLI's ExitCodes table writes this resource and a
// CLI test fails when it is stale, so the step names a failure exactly as the tools document it.
@Field static final String EXIT_CODES = 'org/debforge/jenkins/exit-codes.json'

// Files a result directory holds that are worth keeping (docs/deb-mock-result.md).
@Field static final List ARCHIVED = ['*.deb', '*.udeb', '*.ddeb', '*.changes', '*.buildinfo', '*.log', 'result.json']

/**
 * Builds a Debian source package with deb-mock on the current agent and returns
 * [status, version, source, arch, artifacts: [[name, sha256, size]]] from result.json.
 */
Map call(Map options = [:]) {
  List unknown = options.keySet().findAll { !DEFAULTS.containsKey(it) }.collect { it.toString() }.sort()
  if (unknown) {
    error("debMockBuild: unknown option(s) ${unknown.join(', ')}; allowed: ${DEFAULTS.keySet().join(', ')}")
  }
  Map cfg = DEFAULTS + options

  if (sh(script: 'command -v deb-mock', returnStatus: true) != 0) {
    error("debMockBuild: deb-mock is not installed on agent '${env.NODE_NAME}' " +
        "(labels: ${env.NODE_LABELS}); run this step on an agent with the debforge launchers " +
        "on PATH, selected by a label such as 'debian && amd64' (see docs/jenkins.md)")
  }

  String result = cfg.resultDir.toString()
  int status = sh(script: commandLine(cfg), returnStatus: true)
  if (status != 0) {
    // The logs and result.json say why; keep them before failing.
    if (cfg.archive) {
      archiveArtifacts(artifacts: "${result}/*.log,${result}/result.json", allowEmptyArchive: true, fingerprint: true)
    }
    String why = exitMeaning(status) ?: 'deb-mock failed'
    error("debMockBuild: deb-mock exited with ${status}: ${why}")
  }

  def record = readJSON(file: "${result}/result.json")
  if (cfg.archive) {
    archiveArtifacts(artifacts: ARCHIVED.collect { "${result}/${it}" }.join(','), fingerprint: true)
  }
  String source = record.source?.name
  String version = record.source?.version
  // A cross build's packages are the host architecture's, not the build root's.
  String arch = record.build?.host_arch ?: record.chroot?.architecture
  currentBuild.description = "${source} ${version} ${arch}"

  if (cfg.lintian) {
    publishLintian(result)
  }
  return [
    status: record.status,
    source: source,
    version: version,
    arch: arch,
    artifacts: (record.artifacts ?: []).collect { [name: it.name, sha256: it.sha256, size: it.size] },
  ]
}

/** What an exit code means, from the shared table; null for one it does not list (a signal). */
String exitMeaning(int status) {
  def row = readJSON(text: libraryResource(EXIT_CODES)).codes.find { it.code == status }
  return row?.meaning
}

/** The deb-mock command line: global options first, then --rebuild DSC or build TREE. */
String commandLine(Map cfg) {
  // The result dir is the step's own: a rerun in the same workspace replaces the previous build's
  // files, so they are neither archived again nor imported with this build's (issue 14).
  List args = ['deb-mock', '-r', cfg.config, '--resultdir', cfg.resultDir, '--clean-resultdir']
  for (plugin in cfg.plugins) {
    args += ['--enable-plugin', plugin]
  }
  cfg.pluginOptions.each { plugin, settings ->
    settings.each { key, value -> args += ['--plugin-option', "${plugin}:${key}=${value}".toString()] }
  }
  if (cfg.enableNetwork) {
    args << '--enable-network'
  }
  if (cfg.hostArch) {
    args += ['--host-arch', cfg.hostArch]
  }
  if (cfg.archAll != null) {
    args << (cfg.archAll ? '--arch-all' : '--no-arch-all')
  }
  if (cfg.archAny != null) {
    args << (cfg.archAny ? '--arch-any' : '--no-arch-any')
  }
  if (cfg.sourceful) {
    args << '--source'
  }
  String source = cfg.source.toString()
  if (cfg.orig && source.endsWith('.dsc')) {
    error("debMockBuild: orig: '${cfg.orig}' is for a source tree; a .dsc names its own tarballs")
  }
  List orig = cfg.orig ? ['--orig', cfg.orig.toString()] : []
  args += source.endsWith('.dsc') ? ['--rebuild', source] : ['build'] + orig + [source]
  return Shell.join(args)
}

/** lintian's findings as JUnit XML: errors fail the report, the rest are listed. */
void publishLintian(String result) {
  String converter = '.debforge/lintian-junit.py'
  writeFile(file: converter, text: libraryResource('org/debforge/jenkins/lintian-junit.py'))
  String dir = Shell.quote(result)
  sh(script: "lintian ${dir}/*.changes | python3 ${converter} ${dir}/lintian.xml")
  junit(testResults: "${result}/lintian.xml", allowEmptyResults: true)
}
