import groovy.transform.Field
import org.debforge.jenkins.Constraints

// Every option the step takes, with its default; a key not listed here is refused.
@Field static final Map DEFAULTS = [
  constraints: 'debian/debforge-constraints.yaml', // the package's constraints (OBS _constraints in YAML)
  arch: null,                                      // the matrix cell's architecture, e.g. 'arm64'
  suite: null,                                     // the suite label, e.g. 'bookworm'
]

/**
 * The Jenkins label expression for the agent a package needs, from its constraints file (read
 * from the workspace, so call it inside a node that has checked the package out). A missing file
 * means no constraints beyond suite and architecture.
 */
def call(Map options = [:]) {
  List unknown = options.keySet().findAll { !DEFAULTS.containsKey(it) }.collect { it.toString() }.sort()
  if (unknown) {
    error("debforgeAgent: unknown option(s) ${unknown.join(', ')}; allowed: ${DEFAULTS.keySet().join(', ')}")
  }
  Map cfg = DEFAULTS + options
  Map constraints = [:]
  if (fileExists(cfg.constraints)) {
    def read = readYaml(file: cfg.constraints)
    if (read != null && !(read instanceof Map)) {
      error("debforgeAgent: ${cfg.constraints}: the file must be a YAML mapping (see docs/jenkins.md)")
    }
    constraints = read ?: [:]
  }
  try {
    return Constraints.label(constraints, cfg.arch, cfg.suite, cfg.constraints)
  } catch (IllegalArgumentException e) {
    error("debforgeAgent: ${e.message}")
  }
}
