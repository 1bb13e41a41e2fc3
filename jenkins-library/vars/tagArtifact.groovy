import groovy.transform.Field
import org.debforge.jenkins.Shell
import org.debforge.jenkins.ToolFailure

// Every option the step takes, with its default; a key not listed here is refused.
@Field static final Map DEFAULTS = [
  tag: null,                                  // required: the deb-orchestrator tag, e.g. trixie-updates-candidate
  result: 'result',                           // a deb-mock result directory, or a list of them (one per
                                              // architecture: a matrix's cells), imported into one build
  server: null,                               // required: deb-orchestrator server URL (deb-orchestrator serve)
  credentialsId: 'deb-orchestrator-token',    // Jenkins secret-text credential holding an API token (builder + tagger)
]

@Field static final String EXIT_CODES = 'org/debforge/jenkins/exit-codes.json'
// Where a command's --json answer and its error line go: the step reads both, and quotes the
// error in its own failure. .debforge/ is the steps' (deb-mock never builds it into a source).
@Field static final String OUT = '.debforge/orchestrator.json'
@Field static final String ERR = '.debforge/orchestrator.err'

/**
 * Imports deb-mock results into deb-orchestrator with this Jenkins build as provenance (each
 * result a part of one build: one source version, its architectures), tags the build, and
 * returns its id. Running again with the same content (a rerun, a replay) changes nothing and
 * succeeds: an identical import is a no-op, and a build already in the tag is not tagged again.
 */
def call(Map options = [:]) {
  List unknown = ToolFailure.unknownOptions(options, DEFAULTS)
  if (unknown) {
    error("tagArtifact: unknown option(s) ${unknown.join(', ')}; allowed: ${DEFAULTS.keySet().join(', ')}")
  }
  Map cfg = DEFAULTS + options
  List required = ['tag', 'server', 'credentialsId', 'result']
  for (int i = 0; i < required.size(); i++) {
    if (!cfg[required[i]]) {
      error("tagArtifact: option '${required[i]}' is required; allowed: ${DEFAULTS.keySet().join(', ')}")
    }
  }
  List results = resultDirs(cfg.result)

  // --server belongs to each client subcommand, not to the deb-orchestrator root.
  String server = "--server ${Shell.quote(cfg.server)}"
  Map build = null
  // The token reaches the launcher only through its environment ($DEB_ORCHESTRATOR_TOKEN, which
  // deb-orchestrator reads): never on a command line, where ps and the build log would show it.
  // The provenance variables are expanded by the shell, not by Groovy, so they cannot inject.
  withCredentials([string(credentialsId: cfg.credentialsId, variable: 'DEB_ORCHESTRATOR_TOKEN')]) {
    for (int i = 0; i < results.size(); i++) {
      String dir = results[i]
      def imported = orchestrator(cfg, "import ${server} ${Shell.quote(dir)} " +
          '--jenkins-url "$BUILD_URL" --jenkins-job "$JOB_NAME" --jenkins-number "$BUILD_NUMBER" --json',
          "import of ${dir}")
      Map now = [id: imported.build.id, nvr: ToolFailure.text(imported.build.nvr),
                 source: ToolFailure.text(imported.build.source)]
      if (build != null && build.id != now.id) {
        error("tagArtifact: ${results[0]} is build ${build.id} (${build.nvr}) but ${dir} is build " +
            "${now.id} (${now.nvr}); 'result' lists one source version's results (one per architecture)")
      }
      build = now
      echo("tagArtifact: ${dir} ${imported.created ? 'imported into' : 'is already in'} build ${build.id} (${build.nvr})")
    }
    // tag-build refuses a build already in the tag (exit 6): ask first, so a rerun succeeds.
    String pkg = build.source ?: build.nvr.replaceFirst(/_.*/, '')
    def listed = orchestrator(cfg, "list-tagged ${server} ${Shell.join([cfg.tag, pkg])} --json", 'list-tagged')
    if (isListed(listed, build.id)) {
      echo("tagArtifact: build ${build.id} is already tagged ${cfg.tag}")
    } else {
      orchestrator(cfg, "tag-build ${server} ${Shell.join([cfg.tag, build.id])} --json", 'tag-build')
      echo("tagArtifact: build ${build.id} tagged ${cfg.tag}")
    }
  }
  return build.id
}

/** Runs one deb-orchestrator client command; its --json answer, or the step fails quoting it. */
def orchestrator(Map cfg, String args, String what) {
  int status = sh(script: "mkdir -p .debforge && deb-orchestrator ${args} > ${OUT} 2> ${ERR}", returnStatus: true)
  if (status != 0) {
    String said = fileExists(ERR) ? readFile(ERR) : null
    error(ToolFailure.describe('tagArtifact', "deb-orchestrator ${what}", status,
        readJSON(text: libraryResource(EXIT_CODES)), said, hints(cfg, what)))
  }
  return readJSON(text: readFile(OUT))
}

@NonCPS
List resultDirs(Object result) {
  return result instanceof List ? result.collect { it.toString() } : [result.toString()]
}

@NonCPS
boolean isListed(Object tagged, Object buildId) {
  return tagged.any { it.build_id == buildId }
}

/** What to do about each exit code, in this step's terms. */
@NonCPS
Map hints(Map cfg, String what) {
  String missing = what.startsWith('import') ?
      "${what.substring('import of '.length())} holds no deb-mock result (result.json); was it unstashed here?" :
      "tag '${cfg.tag}' must exist and list the package: deb-orchestrator add-tag ${cfg.tag}; add-pkg ${cfg.tag} PKG --owner NAME"
  return [
    3: "a result in ${cfg.result} is damaged or not deb-mock's (a .changes, .deb or result.json); rebuild it",
    4: "a file in ${cfg.result} does not match its .changes (size, checksum, or a .deb's control fields); rebuild it",
    5: missing,
    6: 'this version is already imported (or tagged) with other content: a version is built once per ' +
        'architecture; upload a new version (a binNMU or a new revision)',
    7: "a file in ${cfg.result} is a link or names a path outside it; it is refused",
    10: 'the result is of a failed build; debMockBuild fails before such a result is imported',
    20: 'the result is of a failed build; debMockBuild fails before such a result is imported',
    30: 'the result is of a failed build; debMockBuild fails before such a result is imported',
    40: 'the result is of a failed build; debMockBuild fails before such a result is imported',
    50: "check the server URL '${cfg.server}' and the agent's deb-orchestrator settings",
    60: "credential '${cfg.credentialsId}' holds no token this server knows: deb-orchestrator token create, " +
        'stored as secret text',
    61: "the token in '${cfg.credentialsId}' may not import or tag: its role must allow both (admin)",
  ]
}
