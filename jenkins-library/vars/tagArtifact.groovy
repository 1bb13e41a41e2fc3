import groovy.transform.Field
import org.debforge.jenkins.Shell

// Every option the step takes, with its default; a key not listed here is refused.
@Field static final Map DEFAULTS = [
  tag: null,                                  // required: the deb-orchestrator tag, e.g. trixie-updates-candidate
  result: 'result',                           // the deb-mock result directory to import
  server: null,                               // required: deb-orchestrator server URL (deb-orchestrator serve)
  credentialsId: 'deb-orchestrator-token',    // Jenkins secret-text credential holding an API token (builder + tagger)
]

/**
 * Imports a deb-mock result into deb-orchestrator with this Jenkins build as provenance, tags
 * the build, and returns its build id.
 */
def call(Map options = [:]) {
  List unknown = options.keySet().findAll { !DEFAULTS.containsKey(it) }.collect { it.toString() }.sort()
  if (unknown) {
    error("tagArtifact: unknown option(s) ${unknown.join(', ')}; allowed: ${DEFAULTS.keySet().join(', ')}")
  }
  Map cfg = DEFAULTS + options
  for (String required in ['tag', 'server', 'credentialsId']) {
    if (!cfg[required]) {
      error("tagArtifact: option '${required}' is required; allowed: ${DEFAULTS.keySet().join(', ')}")
    }
  }

  // --server belongs to each client subcommand, not to the deb-orchestrator root.
  String server = "--server ${Shell.quote(cfg.server)}"
  def buildId
  // The token reaches the launcher only through its environment ($DEB_ORCHESTRATOR_TOKEN, which
  // deb-orchestrator reads): never on a command line, where ps and the build log would show it.
  // The provenance variables are expanded by the shell, not by Groovy, so they cannot inject.
  withCredentials([string(credentialsId: cfg.credentialsId, variable: 'DEB_ORCHESTRATOR_TOKEN')]) {
    String imported = sh(
        script: "deb-orchestrator import ${server} ${Shell.quote(cfg.result)} " +
            '--jenkins-url "$BUILD_URL" --jenkins-job "$JOB_NAME" --jenkins-number "$BUILD_NUMBER" --json',
        returnStdout: true)
    buildId = readJSON(text: imported).build.id
    sh(script: "deb-orchestrator tag-build ${server} ${Shell.join([cfg.tag, buildId])} --json", returnStdout: true)
  }
  echo("tagArtifact: build ${buildId} tagged ${cfg.tag}")
  return buildId
}
