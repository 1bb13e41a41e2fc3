import groovy.transform.Field
import org.debforge.jenkins.Shell
import org.debforge.jenkins.ToolFailure

// Every option the step takes, with its default; a key not listed here is refused.
@Field static final Map DEFAULTS = [
  sysroot: null,   // an offline sysroot to change (ostree admin init-fs + deploy made it); or:
  ref: null,       // a compose's ostree ref: the step makes a fresh sysroot at .debforge/sysroot
  repo: null,      // with ref: the ostree repository holding it (the blueprint's ostree output repo)
  os: 'debian',    // with ref: the stateroot (ostree admin os-init OS), as the compose's image phase
  install: [],     // packages layered: apt-ostree install --idempotent
  uninstall: [],   // layered packages removed: apt-ostree uninstall
  kargs: [],       // kernel arguments appended: apt-ostree kargs --append-if-missing=K
  test: false,     // boot the result: not available yet (no command boots an offline sysroot)
]

@Field static final String EXIT_CODES = 'org/debforge/jenkins/exit-codes.json'
@Field static final int UNCHANGED_EXIT = 77
@Field static final String MADE_SYSROOT = '.debforge/sysroot'
@Field static final String OUT = '.debforge/apt-ostree.out'
@Field static final String ERR = '.debforge/apt-ostree.err'

/**
 * Layers packages and kernel arguments on an offline OSTree sysroot with apt-ostree on this agent
 * and returns [sysroot, commit (the default deployment's checksum), changed, status (apt-ostree
 * status --json as readJSON gives it)]. Every change is made idempotent (--idempotent,
 * --append-if-missing, --unchanged-exit-77), so a rerun over the same sysroot passes unchanged.
 */
Map call(Map options = [:]) {
  List unknown = ToolFailure.unknownOptions(options, DEFAULTS)
  if (unknown) {
    error("ostreeLayer: unknown option(s) ${unknown.join(', ')}; allowed: ${DEFAULTS.keySet().join(', ')}")
  }
  Map cfg = DEFAULTS + options
  if ((cfg.sysroot == null) == (cfg.ref == null)) {
    error('ostreeLayer: give one of sysroot: (an offline sysroot) or ref: (with repo:, a sysroot is made from it)')
  }
  if (cfg.ref != null && !cfg.repo) {
    error("ostreeLayer: ref: '${cfg.ref}' needs repo: the ostree repository that holds it")
  }
  if (cfg.test) {
    // Checked before any work: the compose's test phase boots its disk images, but nothing yet
    // turns an offline sysroot into a disk to boot (docs/jenkins.md, left to do).
    error('ostreeLayer: test: true is not available yet: no debforge command boots an offline sysroot; ' +
        "boot the compose's image output instead (composeDistro publishes its test phase)")
  }
  if (sh(script: 'command -v apt-ostree', returnStatus: true) != 0) {
    error("ostreeLayer: apt-ostree is not installed on agent '${env.NODE_NAME}' (labels: ${env.NODE_LABELS}); " +
        "run this step on an agent labelled 'ostree' (see docs/jenkins.md)")
  }
  String sysroot = cfg.sysroot != null ? cfg.sysroot.toString() : MADE_SYSROOT
  if (cfg.ref != null) {
    // apt-ostree has no command that makes a sysroot: ostree admin does, as the image phase does.
    int made = sh(script: makeSysroot(cfg), returnStatus: true)
    if (made != 0) {
      error("ostreeLayer: making a sysroot of ${cfg.ref} from ${cfg.repo} failed (exit ${made}): " +
          "is '${cfg.ref}' in '${cfg.repo}' (ostree --repo=${cfg.repo} refs)?")
    }
  }

  def table = readJSON(text: libraryResource(EXIT_CODES))
  boolean changed = false
  List commands = changes(cfg)
  for (int i = 0; i < commands.size(); i++) {
    List words = ['apt-ostree', '--sysroot', sysroot] + commands[i]
    int status = sh(script: "mkdir -p .debforge && ${Shell.join(words)} > ${OUT} 2> ${ERR}", returnStatus: true)
    if (status == UNCHANGED_EXIT) {
      echo("ostreeLayer: ${commands[i][0]}: nothing to change")
    } else if (status != 0) {
      error(ToolFailure.describe('ostreeLayer', "apt-ostree ${commands[i][0]}", status, table,
          fileExists(ERR) ? readFile(ERR) : null, hints(sysroot)))
    } else {
      changed = true
    }
  }

  int status = sh(script: "mkdir -p .debforge && ${Shell.join(['apt-ostree', '--sysroot', sysroot, 'status', '--json'])}" +
      " > ${OUT} 2> ${ERR}", returnStatus: true)
  if (status != 0) {
    error(ToolFailure.describe('ostreeLayer', 'apt-ostree status', status, table,
        fileExists(ERR) ? readFile(ERR) : null, hints(sysroot)))
  }
  def deployments = readJSON(text: readFile(OUT))
  String commit = defaultCommit(deployments)
  echo("ostreeLayer: ${sysroot}: default deployment ${commit}${changed ? '' : ' (unchanged)'}")
  return [sysroot: sysroot, commit: commit, changed: changed, status: deployments]
}

/** The apt-ostree commands, each a list of words after --sysroot S: install, uninstall, kargs. */
@NonCPS
List changes(Map cfg) {
  List commands = []
  if (cfg.install) {
    commands << ['install', '--idempotent', '--unchanged-exit-77'] + cfg.install.collect { it.toString() }
  }
  if (cfg.uninstall) {
    commands << ['uninstall', '--unchanged-exit-77'] + cfg.uninstall.collect { it.toString() }
  }
  if (cfg.kargs) {
    commands << ['kargs', '--unchanged-exit-77'] + cfg.kargs.collect { "--append-if-missing=${it}".toString() }
  }
  return commands
}

/** A fresh sysroot of REF, deployed as the compose's image phase deploys it (docs/compose-image.md). */
@NonCPS
String makeSysroot(Map cfg) {
  String s = MADE_SYSROOT
  return [
    "rm -rf ${s}",
    Shell.join(['ostree', 'admin', 'init-fs', s]),
    Shell.join(['ostree', 'admin', 'os-init', "--sysroot=${s}", cfg.os]),
    Shell.join(['ostree', "--repo=${s}/ostree/repo", 'pull-local', cfg.repo, cfg.ref]),
    Shell.join(['ostree', 'admin', 'deploy', "--sysroot=${s}", "--os=${cfg.os}", cfg.ref]),
  ].join(' && ')
}

@NonCPS
String defaultCommit(Object status) {
  List deployments = status.deployments ?: []
  return deployments ? ToolFailure.text(deployments[0].checksum) : null
}

/** What to do about each exit code, in this step's terms. */
@NonCPS
Map hints(String sysroot) {
  return [
    3: "an origin file in ${sysroot} is damaged",
    5: "${sysroot} is no ostree sysroot (ostree admin init-fs and deploy make one; or give ref: and repo:)",
    6: 'a package is already requested, or a layered package is also removed in the same run',
    30: 'a package to install is not in the APT sources of the deployment, or its dependencies cannot be met',
    50: 'the option is refused by apt-ostree (see docs/apt-ostree.md)',
  ]
}
