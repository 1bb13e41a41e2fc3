import groovy.transform.Field
import org.debforge.jenkins.BuildDescription
import org.debforge.jenkins.HostCallback
import org.debforge.jenkins.Shell
import org.debforge.jenkins.ToolFailure

// Every option the step takes, with its default. One place lists them: the caller's map is laid
// over this one, and a key not in it is refused (a typo must not silently build the default).
@Field static final Map DEFAULTS = [
  config: 'bookworm-amd64', // deb-mock -r: a shipped config name or a path to a YAML config
  source: '.',              // a .dsc (deb-mock --rebuild) or an unpacked source tree (deb-mock build)
  resultDir: null,          // --resultdir, relative to the workspace; null: result/ARCH, or
                            // result/ARCH-host-HOSTARCH when cross-building, so matrix cells never
                            // archive or stash the same path. The step's own: a previous build's
                            // files in it are removed (--clean-resultdir); never built into a tree
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
  before: null,             // closure run on the agent, outside the build root, before deb-mock
                            // (OBS's pre-build worker callback: fetch a reference build, a key)
  after: null,              // closure run after a build that succeeded (or is unstable), given the
                            // returned map (OBS's post-build callback: build-compare, signing)
]

// The launchers' exit codes (docs/cli.md). The CLI's ExitCodes table writes this resource and a
// CLI test fails when it is stale, so the step names a failure exactly as the tools document it.
@Field static final String EXIT_CODES = 'org/debforge/jenkins/exit-codes.json'
@Field static final int UNSTABLE_EXIT = 11

// Files a result directory holds that are worth keeping (docs/deb-mock-result.md): packages,
// the upload, logs (compress_logs leaves them .gz/.xz/.zst), the record, the buildroot lock and
// --verify-reproducible's verdict.
@Field static final List ARCHIVED = ['*.deb', '*.udeb', '*.ddeb', '*.changes', '*.buildinfo', '*.log',
    '*.log.gz', '*.log.xz', '*.log.zst', 'result.json', 'buildroot_lock.json', 'reproducible.json']
// What a failed build leaves that says why.
@Field static final List FAILED = ['*.log', '*.log.gz', '*.log.xz', '*.log.zst', 'result.json']

/**
 * Builds a Debian source package with deb-mock on the current agent and returns
 * [status, source, version, arch, resultDir, artifacts: [[name, sha256, size]]] from result.json.
 */
Map call(Map options = [:]) {
  List unknown = ToolFailure.unknownOptions(options, DEFAULTS)
  if (unknown) {
    error("debMockBuild: unknown option(s) ${unknown.join(', ')}; allowed: ${DEFAULTS.keySet().join(', ')}")
  }
  Map cfg = DEFAULTS + options
  // Checked before any work: a callback that is no closure must not fail only after a long build.
  for (String hook in ['before', 'after']) {
    if (cfg[hook] != null && !(cfg[hook] instanceof Closure)) {
      error("debMockBuild: ${hook}: must be a closure, not ${cfg[hook].getClass().simpleName}")
    }
  }
  if (cfg.orig && cfg.source.toString().endsWith('.dsc')) {
    error("debMockBuild: orig: '${cfg.orig}' is for a source tree; a .dsc names its own tarballs")
  }

  if (sh(script: 'command -v deb-mock', returnStatus: true) != 0) {
    error("debMockBuild: deb-mock is not installed on agent '${env.NODE_NAME}' " +
        "(labels: ${env.NODE_LABELS}); run this step on an agent with the debforge launchers " +
        "on PATH, selected by a label such as 'debian && amd64' (see docs/jenkins.md)")
  }

  String result = cfg.resultDir ? cfg.resultDir.toString() : defaultResultDir(cfg)
  cfg.resultDir = result
  HostCallback.run(this, 'debMockBuild', 'before', cfg.before, null)
  int status = sh(script: commandLine(cfg), returnStatus: true)
  // 11 (unstable): the packages built and are collected; QA after the build did not pass. The
  // build goes on as UNSTABLE below, from result.json's status, like a failed test report.
  if (status != 0 && status != UNSTABLE_EXIT) {
    // The logs and result.json say why; keep them before failing.
    if (cfg.archive) {
      archiveArtifacts(artifacts: inDir(result, FAILED), allowEmptyArchive: true, fingerprint: true)
    }
    String said = fileExists("${result}/result.json") ? ToolFailure.text(readJSON(file: "${result}/result.json").message) : null
    error(ToolFailure.describe('debMockBuild', 'deb-mock', status, readJSON(text: libraryResource(EXIT_CODES)),
        said, hints(cfg)))
  }

  def record = readJSON(file: "${result}/result.json")
  if (cfg.archive) {
    archiveArtifacts(artifacts: inDir(result, ARCHIVED), fingerprint: true)
  }
  String source = ToolFailure.text(record.source?.name)
  String version = ToolFailure.text(record.source?.version)
  // A cross build's packages are the host architecture's, not the build root's.
  String arch = ToolFailure.text(record.build?.host_arch) ?: ToolFailure.text(record.chroot?.architecture)
  List artifacts = artifactsOf(record)
  // No step between reading and writing the description: other matrix cells (CPS threads of the
  // same program) cannot interleave here, so no cell's architectures are lost.
  currentBuild.description = BuildDescription.merge(currentBuild.description, source, version,
      builtArches(arch, artifacts))

  // QA plugins' reports (deb-mock writes RESULT/qa/junit-*.xml); a failed QA check leaves the
  // build usable but UNSTABLE, as a failed test report does.
  junit(allowEmptyResults: true, testResults: "${result}/qa/junit-*.xml")
  String recordStatus = ToolFailure.text(record.status)
  if (recordStatus == 'unstable') {
    unstable("debMockBuild: QA failed for ${source} ${version} ${arch}: " +
        (ToolFailure.text(record.message) ?: "see ${result}/qa/"))
  }
  if (cfg.lintian) {
    publishLintian(result, arch)
  }
  Map built = [status: recordStatus, source: source, version: version, arch: arch, resultDir: result,
               artifacts: artifacts]
  HostCallback.run(this, 'debMockBuild', 'after', cfg.after, built)
  return built
}


/** result/ARCH (result/ARCH-host-HOSTARCH when cross-building): one directory per matrix cell. */
String defaultResultDir(Map cfg) {
  String arch = configArch(cfg.config.toString())
  if (arch == null) {
    // A config given as a YAML path names no architecture: deb-mock builds the agent's.
    arch = sh(script: 'dpkg --print-architecture', returnStdout: true).trim()
  }
  return cfg.hostArch ? "result/${arch}-host-${cfg.hostArch}" : "result/${arch}"
}

/** The architecture a shipped config's name ends with (bookworm-amd64), else null. */
@NonCPS
String configArch(String config) {
  def m = config =~ /^[a-z]+-([a-z0-9]+)$/
  return m.matches() ? m.group(1) : null
}

@NonCPS
String inDir(String dir, List patterns) {
  return patterns.collect { "${dir}/${it}" }.join(',')
}

@NonCPS
List artifactsOf(record) {
  return (record.artifacts ?: []).collect { [name: it.name, sha256: it.sha256, size: it.size] }
}

/** The architecture built and 'all' when an Architecture: all package came out. */
@NonCPS
List builtArches(String arch, List artifacts) {
  boolean all = artifacts.any { it.name ==~ /.*_all\.u?deb/ }
  List arches = artifacts.any { it.name ==~ /.*_${arch}\.u?deb/ } || !all ? [arch] : []
  return all ? arches + ['all'] : arches
}

/** What to do about each exit code, in this step's terms. */
@NonCPS
Map hints(Map cfg) {
  String dir = cfg.resultDir
  return [
    3: "check the source '${cfg.source}' and the options named in the message",
    4: "a source file does not match its checksum in the .dsc (or --verify-reproducible differed: ${dir}/reproducible.json)",
    5: "'${cfg.source}' or config '${cfg.config}' does not exist on this agent (did the stage run checkout scm?)",
    6: "${dir} holds another build's files; the step passes --clean-resultdir, so another build is writing there",
    7: "the source holds a path that leaves its directory or a device node; it is refused, not built",
    10: "see ${dir}/build.log (archived with this build)",
    20: "see ${dir}/root.log (archived); the agent needs mmdebstrap, bubblewrap and user namespaces",
    30: "see ${dir}/root.log (archived): a build dependency is missing from the mirror or uninstallable",
    40: "a plugin of ${cfg.plugins} (or a required hook) failed; see ${dir}/build.log",
    50: "config '${cfg.config}' or a plugin option is wrong; the message names the key",
    60: 'deb-mock wants no token; a server it reaches (a mirror, a cache) refused us',
    61: 'deb-mock was refused a file or a namespace on this agent; check its user and /etc/subuid',
  ]
}

/** The deb-mock command line: global options first, then --rebuild DSC or build TREE. */
@NonCPS
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
  List orig = cfg.orig ? ['--orig', cfg.orig.toString()] : []
  args += source.endsWith('.dsc') ? ['--rebuild', source] : ['build'] + orig + [source]
  return Shell.join(args)
}

/** lintian's findings as JUnit XML, class names lintian.ARCH.PACKAGE: errors fail the report. */
void publishLintian(String result, String arch) {
  String converter = '.debforge/lintian-junit.py'
  writeFile(file: converter, text: libraryResource('org/debforge/jenkins/lintian-junit.py'))
  String dir = Shell.quote(result)
  sh(script: "lintian ${dir}/*.changes | python3 ${converter} ${dir}/lintian.xml ${Shell.quote(arch)}")
  junit(testResults: "${result}/lintian.xml", allowEmptyResults: true)
}
