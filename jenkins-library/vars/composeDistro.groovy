import groovy.transform.Field
import org.debforge.jenkins.HostCallback
import org.debforge.jenkins.Shell
import org.debforge.jenkins.ToolFailure

// Every option the step takes, with its default; a key not listed here is refused.
@Field static final Map DEFAULTS = [
  blueprint: null,      // required: the blueprint YAML, relative to the workspace
  outputs: [],          // outputs the pipeline requires ('repo', 'ostree', 'image', ...): the
                        // blueprint decides what is made; a required one it lacks is an error
  target: 'composes',   // --target, relative to the workspace (archiveArtifacts and fingerprint
                        // only reach workspace paths)
  oldComposes: null,    // --old-composes DIR: reuse packages and roots of earlier composes
  publish: null,        // [server: URL, credentialsId: ID]: --record --server URL; null: --no-record
  archive: true,        // archiveArtifacts (fingerprinted) metadata/*.json and logs/
  images: 'fingerprint', // 'fingerprint': images stay on the agent, only fingerprinted; 'archive':
                         // also copied into Jenkins' archive (they can be GiBs: never by default)
  before: null,         // closure run on the agent before tumbi-assembler (e.g. fetch a key)
  after: null,          // closure run after a FINISHED compose, given the returned map (e.g. sign)
]

@Field static final List IMAGE_MODES = ['fingerprint', 'archive']
@Field static final List PUBLISH_KEYS = ['server', 'credentialsId']
@Field static final String EXIT_CODES = 'org/debforge/jenkins/exit-codes.json'
@Field static final int DOOMED_EXIT = 45
// tumbi-assembler's --json answer and its error lines: the step reads the one and quotes the other.
@Field static final String OUT = '.debforge/compose.json'
@Field static final String ERR = '.debforge/compose.err'

/**
 * Runs tumbi-assembler compose on this agent and returns [id, status, path, url, composeinfo]
 * (composeinfo.json as readJSON gives it). A DOOMED compose archives its metadata and logs, then
 * fails the step; a FINISHED_INCOMPLETE one (a failable phase failed) makes the build UNSTABLE.
 */
Map call(Map options = [:]) {
  List unknown = ToolFailure.unknownOptions(options, DEFAULTS)
  if (unknown) {
    error("composeDistro: unknown option(s) ${unknown.join(', ')}; allowed: ${DEFAULTS.keySet().join(', ')}")
  }
  Map cfg = DEFAULTS + options
  // Checked before any work: a callback that is no closure must not fail only after a long build.
  for (String hook in ['before', 'after']) {
    if (cfg[hook] != null && !(cfg[hook] instanceof Closure)) {
      error("composeDistro: ${hook}: must be a closure, not ${cfg[hook].getClass().simpleName}")
    }
  }
  if (!cfg.blueprint) {
    error("composeDistro: option 'blueprint' is required; allowed: ${DEFAULTS.keySet().join(', ')}")
  }
  if (!IMAGE_MODES.contains(cfg.images)) {
    error("composeDistro: images: '${cfg.images}' is not one of ${IMAGE_MODES.join(', ')}")
  }
  if (cfg.publish != null) {
    List bad = ToolFailure.unknownOptions(cfg.publish, PUBLISH_KEYS.collectEntries { [(it): null] })
    if (bad || !cfg.publish.server) {
      error("composeDistro: publish: takes server (required) and credentialsId, not ${bad ?: 'no server'}")
    }
  }
  if (!fileExists(cfg.blueprint.toString())) {
    error("composeDistro: blueprint '${cfg.blueprint}' is not in the workspace (did the stage run checkout scm?)")
  }
  if (cfg.outputs) {
    List missing = missingOutputs(readYaml(file: cfg.blueprint.toString()), cfg.outputs)
    if (missing) {
      error("composeDistro: blueprint '${cfg.blueprint}' makes no ${missing.join(', ')} output; " +
          "the pipeline requires ${cfg.outputs.join(', ')} (outputs: is checked, the blueprint decides)")
    }
  }
  if (sh(script: 'command -v tumbi-assembler', returnStatus: true) != 0) {
    error("composeDistro: tumbi-assembler is not installed on agent '${env.NODE_NAME}' " +
        "(labels: ${env.NODE_LABELS}); run this step on an agent labelled 'compose' (see docs/jenkins.md)")
  }
  HostCallback.run(this, 'composeDistro', 'before', cfg.before, null)

  int status
  if (cfg.publish != null) {
    // The token reaches tumbi-assembler only as $DEB_ORCHESTRATOR_TOKEN, never on the command line.
    withCredentials([string(credentialsId: cfg.publish.credentialsId ?: 'deb-orchestrator-token',
                            variable: 'DEB_ORCHESTRATOR_TOKEN')]) {
      status = sh(script: commandLine(cfg), returnStatus: true)
    }
  } else {
    status = sh(script: commandLine(cfg), returnStatus: true)
  }
  def table = readJSON(text: libraryResource(EXIT_CODES))
  if (status != 0 && status != DOOMED_EXIT) {
    error(ToolFailure.describe('composeDistro', 'tumbi-assembler compose', status, table,
        fileExists(ERR) ? readFile(ERR) : null, hints(cfg, null)))
  }
  String printed = readFile(OUT)
  if (!printed.trim()) {
    // Killed or failed before its answer: there is no compose folder to read.
    error(ToolFailure.describe('composeDistro', 'tumbi-assembler compose', status, table,
        fileExists(ERR) ? readFile(ERR) : null, hints(cfg, null)) + '; it printed no --json answer')
  }
  def answer = readJSON(text: printed)
  String id = ToolFailure.text(answer.composeId)
  String state = ToolFailure.text(answer.status)
  // The answer's path may be absolute; the compose folder is the target's child of that name.
  String path = "${cfg.target}/${baseName(ToolFailure.text(answer.path))}"
  String url = cfg.publish != null ? "${cfg.publish.server.toString().replaceFirst('/+$', '')}/composes/${id}" : null

  if (cfg.archive) {
    archiveArtifacts(artifacts: "${path}/metadata/*.json,${path}/logs/**", allowEmptyArchive: true, fingerprint: true)
  }
  // No step between reading and writing the description (see debMockBuild).
  currentBuild.description = describeBuild(currentBuild.description, id, state, url)
  if (url) {
    echo("composeDistro: compose ${id} (${state}): ${url}")
  }
  // The test phase's boot results; absent when no image output has a test-marker.
  if (fileExists("${path}/logs/test-results.xml")) {
    junit(testResults: "${path}/logs/test-results.xml")
  }
  if (status == DOOMED_EXIT) {
    error(ToolFailure.describe('composeDistro', 'tumbi-assembler compose', status, table,
        "compose ${id} is DOOMED: ${ToolFailure.text(answer.reason) ?: failedPhases(answer)}", hints(cfg, path)))
  }

  def composeinfo = readJSON(file: "${path}/metadata/composeinfo.json")
  if (fileExists("${path}/metadata/images.json")) {
    String images = "${path}/compose/*/*/images/**"
    if (cfg.images == 'archive') {
      archiveArtifacts(artifacts: images, allowEmptyArchive: true, fingerprint: true)
    } else {
      fingerprint(images)
    }
  }
  if (state == 'FINISHED_INCOMPLETE') {
    unstable("composeDistro: compose ${id} is FINISHED_INCOMPLETE: failable phase(s) failed: ${failedPhases(answer)}")
  }
  Map result = [id: id, status: state, path: path, url: url, composeinfo: composeinfo]
  HostCallback.run(this, 'composeDistro', 'after', cfg.after, result)
  return result
}


@NonCPS
List missingOutputs(Object blueprint, List required) {
  List made = (blueprint instanceof Map && blueprint.outputs instanceof List ? blueprint.outputs : []).collect {
    it instanceof Map ? String.valueOf(it.type) : String.valueOf(it)
  }
  return required.collect { it.toString() }.findAll { !made.contains(it) }
}

@NonCPS
String baseName(String path) {
  return path.replaceFirst('/+$', '').replaceFirst('.*/', '')
}

@NonCPS
String failedPhases(Object answer) {
  List failed = (answer.phases ?: []).findAll { ToolFailure.text(it.status) == 'failed' }.collect {
    "${it.name}" + (ToolFailure.text(it.error) ? " (${ToolFailure.text(it.error)})" : '')
  }
  return failed ? failed.join(', ') : 'none named'
}

/**
 * One line per compose, "compose ID (STATUS) URL", appended: plain text, since the default
 * markup formatter escapes HTML (and turns new lines into breaks); the URL is shown, not linked.
 */
@NonCPS
String describeBuild(String current, String id, String state, String url) {
  String line = "compose ${id} (${state})" + (url ? " ${url}" : '')
  List lines = (current ?: '').readLines().findAll { it && !it.startsWith("compose ${id} ") }
  return (lines + [line]).join('\n')
}

/** What to do about each exit code, in this step's terms. */
@NonCPS
Map hints(Map cfg, String path) {
  return [
    3: "the blueprint '${cfg.blueprint}' is invalid; the message names the field",
    5: "'${cfg.blueprint}' or a path it names does not exist on this agent",
    30: 'a package of the blueprint cannot be resolved from its sources',
    45: path ? "see ${path}/logs/PHASE.log (archived with this build)" : 'see the compose folder\'s logs/',
    50: "the blueprint '${cfg.blueprint}' or the agent's settings are wrong; the message names the key",
    60: "credential '${cfg.publish?.credentialsId ?: 'deb-orchestrator-token'}' holds no token ${cfg.publish?.server} knows",
    61: 'the token may not record composes on this server',
  ]
}

/** tumbi-assembler compose BLUEPRINT --target DIR --json [--old-composes DIR] (--record --server URL | --no-record). */
@NonCPS
String commandLine(Map cfg) {
  List args = ['tumbi-assembler', 'compose', cfg.blueprint, '--target', cfg.target, '--json']
  if (cfg.oldComposes) {
    args += ['--old-composes', cfg.oldComposes]
  }
  args += cfg.publish != null ? ['--record', '--server', cfg.publish.server] : ['--no-record']
  return "mkdir -p .debforge && ${Shell.join(args)} > ${OUT} 2> ${ERR}"
}
