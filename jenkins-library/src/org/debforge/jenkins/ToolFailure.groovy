package org.debforge.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * The words a step fails with when a launcher exits non-zero: the exit code's row of
 * exit-codes.json (its name and meaning, as docs/cli.md lists them), what the tool itself said
 * (result.json's message, or deb-orchestrator's error line), and the step's hint for that code.
 */
class ToolFailure implements Serializable {
  private static final long serialVersionUID = 1L

  /**
   * @param table exit-codes.json as readJSON gives it
   * @param hints exit code -> what to do about it, in this step's terms
   */
  @NonCPS
  static String describe(String step, String tool, int status, Object table, String said, Map hints) {
    def row = table.codes.find { it.code == status }
    StringBuilder text = new StringBuilder("${step}: ${tool} exited with ${status}")
    if (row != null) {
      text << " (${row.name}): ${row.meaning}"
    } else if (status > 128) {
      text << ": killed by signal ${status - 128}"
    } else {
      text << ': an exit code debforge does not document (docs/cli.md)'
    }
    if (said) {
      text << "; it said: ${said.trim().readLines()*.trim().join(' ')}"
    }
    if (hints[status]) {
      text << "; hint: ${hints[status]}"
    }
    return text.toString()
  }

  /** A json-lib value as a String; JSON null (json-lib's JSONNull, which Groovy finds true) is null. */
  @NonCPS
  static String text(Object value) {
    return value == null || value.getClass().name == 'net.sf.json.JSONNull' ? null : value.toString()
  }

  /** A step's option keys that are not among its defaults, sorted. */
  @NonCPS
  static List<String> unknownOptions(Map options, Map defaults) {
    return options.keySet().findAll { !defaults.containsKey(it) }.collect { it.toString() }.sort()
  }
}
