package org.debforge.jenkins

import com.lesfurets.jenkins.unit.BasePipelineTest
import com.lesfurets.jenkins.unit.MethodCall
import groovy.json.JsonSlurper
import org.junit.jupiter.api.BeforeEach

/**
 * JenkinsPipelineUnit 1.1 plus the steps and Declarative Pipeline sections our scripts use.
 * 1.1 predates Declarative support, so pipeline/stages/matrix/when are modelled here: sections
 * run their bodies, a matrix runs its stages once per axis value with the axis as a variable,
 * a false {@code when} skips its stage. Shell commands are recorded and answered by
 * {@link #onSh}; {@code error} throws, as in Jenkins.
 */
abstract class PipelineHarness extends BasePipelineTest {
  // The library's folder: this module, or the one the top-level end-to-end tests point at.
  static final File MODULE =
      new File(System.getProperty('debforge.library', System.getProperty('basedir', '.'))).canonicalFile

  /** What {@code error} throws; Jenkins throws hudson.AbortException. */
  static class PipelineError extends RuntimeException {
    PipelineError(String message) { super(message) }
  }

  private static class SkipStage extends RuntimeException {}

  /** Every sh call in order: [script:, returnStatus:, returnStdout:, env: copy of env]. */
  List<Map> shCalls = []
  /** Answers for sh, first whose pattern is found in the command: [status: int, stdout: String]. */
  List<List> shAnswers = []
  /** The agent's files the steps read or write (workspace-relative path -> text). */
  Map<String, String> workspace = [:]
  Map env = [:]
  Map currentBuild = [result: null, description: null]
  List<String> agentLabels = []
  List<String> stagesRun = []
  List<String> stagesSkipped = []

  /** Secret text per credentials id; an unknown id binds "secret-of-ID". */
  Map<String, String> credentials = [:]
  /** When set, sh really runs (sh -c, in this directory, with env) and files are read from it. */
  File realWorkspace
  Map matrix
  String currentAxis

  void onSh(String pattern, Map answer) {
    shAnswers << [pattern, answer]
  }

  /** The recorded calls of one step, in order. */
  List<MethodCall> calls(String name) {
    helper.callStack.findAll { it.methodName == name }
  }

  List<String> shScripts() {
    shCalls.collect { it.script.toString() }
  }

  /** The first argument of each call of a step, GStrings made Strings (as Jenkins sees them). */
  List firstArgs(String name) {
    calls(name).collect { plain(it.args[0]) }
  }

  static Object plain(Object o) {
    if (o instanceof GString) {
      return o.toString()
    }
    if (o instanceof Map) {
      return o.collectEntries { k, v -> [(plain(k)): plain(v)] }
    }
    if (o instanceof List) {
      return o.collect { plain(it) }
    }
    return o
  }

  @BeforeEach
  void setUpHarness() {
    baseScriptRoot = MODULE.path
    // JenkinsPipelineUnit 1.1 resolves script roots against the working directory, which is not
    // the library's folder when the end-to-end tests (src/test) run this harness.
    scriptRoots = [MODULE.path] as String[]
    scriptExtension = ''
    setUp()
    binding.setVariable('env', env)
    binding.setVariable('currentBuild', currentBuild)
    binding.setVariable('scm', [$class: 'GitSCM'])
    binding.setVariable('none', 'none')
    binding.setVariable('any', 'any')

    // JenkinsPipelineUnit runs these closures with the script as delegate: reach the harness
    // through h, not through implicit this.
    PipelineHarness h = this
    helper.registerAllowedMethod('error', [String]) { String m -> throw new PipelineError(m) }
    helper.registerAllowedMethod('echo', [String]) { String m -> }
    helper.registerAllowedMethod('sh', [String]) { String s -> h.runSh([script: s]) }
    helper.registerAllowedMethod('sh', [Map]) { Map m -> h.runSh(m) }
    helper.registerAllowedMethod('readJSON', [Map]) { Map m ->
      String text = m.text != null ? m.text
          : h.realWorkspace != null ? new File(h.realWorkspace, m.file.toString()).text : h.workspace[m.file]
      if (text == null) {
        throw new PipelineError("readJSON: ${m.file} does not exist")
      }
      new JsonSlurper().parseText(text)
    }
    helper.registerAllowedMethod('readFile', [String]) { String f -> h.workspace[f] }
    helper.registerAllowedMethod('writeFile', [Map]) { Map m ->
      h.workspace[m.file] = m.text
      if (h.realWorkspace != null) {
        File f = new File(h.realWorkspace, m.file.toString())
        f.parentFile.mkdirs()
        f.text = m.text
      }
    }
    helper.registerAllowedMethod('libraryResource', [String]) { String r ->
      new File(MODULE, "resources/${r}").text
    }
    helper.registerAllowedMethod('archiveArtifacts', [Map]) { Map m -> }
    helper.registerAllowedMethod('archiveArtifacts', [String]) { String s -> }
    helper.registerAllowedMethod('junit', [Map]) { Map m -> }
    helper.registerAllowedMethod('junit', [String]) { String s -> }
    helper.registerAllowedMethod('checkout', [Object]) { o -> }
    helper.registerAllowedMethod('string', [Map]) { Map m -> [$class: 'StringBinding'] + m }
    helper.registerAllowedMethod('withCredentials', [List, Closure]) { List bindings, Closure body ->
      // The secret is in the environment only inside the block, as in Jenkins.
      bindings.each {
        h.env[it.variable] = h.credentials[it.credentialsId] ?: "secret-of-${it.credentialsId}".toString()
      }
      try {
        body()
      } finally {
        bindings.each { h.env.remove(it.variable) }
      }
    }
    helper.registerAllowedMethod('node', [String, Closure]) { String label, Closure body ->
      h.agentLabels << label
      body()
    }

    // Declarative Pipeline sections.
    ['pipeline', 'options', 'steps', 'script', 'post', 'always', 'success', 'axes', 'axis'].each { name ->
      helper.registerAllowedMethod(name, [Closure]) { Closure body -> body() }
    }
    helper.registerAllowedMethod('failure', [Closure]) { Closure body -> }
    helper.registerAllowedMethod('agent', [String]) { String a -> }
    helper.registerAllowedMethod('agent', [Closure]) { Closure body ->
      if (h.matrix?.collecting) {
        h.matrix.agent = body
      } else {
        body()
      }
    }
    helper.registerAllowedMethod('label', [String]) { String l -> h.agentLabels << l }
    helper.registerAllowedMethod('stages', [Closure]) { Closure body ->
      if (h.matrix?.collecting) {
        h.matrix.stages = body
      } else {
        body()
      }
    }
    helper.registerAllowedMethod('stage', [String, Closure]) { String name, Closure body ->
      try {
        h.stagesRun << name
        body()
      } catch (SkipStage ignored) {
        h.stagesRun.remove(h.stagesRun.size() - 1)
        h.stagesSkipped << name
      }
    }
    helper.registerAllowedMethod('when', [Closure]) { Closure cond ->
      if (!cond()) {
        throw new SkipStage()
      }
    }
    helper.registerAllowedMethod('branch', [String]) { String b -> h.env.BRANCH_NAME == b }
    helper.registerAllowedMethod('name', [String]) { String n -> h.currentAxis = n }
    // JenkinsPipelineUnit 1.1 matches exact arities, not varargs: up to six axis values.
    (1..6).each { n ->
      helper.registerAllowedMethod('values', [String] * n) { Object[] v -> h.matrix.axes[h.currentAxis] = v as List }
    }
    helper.registerAllowedMethod('matrix', [Closure]) { Closure body -> h.runMatrix(body) }
    helper.registerAllowedMethod('timestamps', []) { -> }
    helper.registerAllowedMethod('timeout', [Map]) { Map m -> }
    helper.registerAllowedMethod('timeout', [Map, Closure]) { Map m, Closure body -> body() }
    helper.registerAllowedMethod('disableConcurrentBuilds', []) { -> }
    helper.registerAllowedMethod('logRotator', [Map]) { Map m -> m }
    helper.registerAllowedMethod('buildDiscarder', [Object]) { o -> }
  }

  Object runSh(Map call) {
    shCalls << (call + [env: new LinkedHashMap(env)])
    if (realWorkspace != null) {
      return runRealSh(call)
    }
    Map answer = shAnswers.find { call.script.contains(it[0]) }?.getAt(1) ?: [:]
    int status = answer.status ?: 0
    if (call.returnStatus) {
      return status
    }
    if (status != 0) {
      throw new PipelineError("script returned exit code ${status}")
    }
    return call.returnStdout ? (answer.stdout ?: '') : null
  }

  private Object runRealSh(Map call) {
    ProcessBuilder pb = new ProcessBuilder('sh', '-c', call.script.toString()).directory(realWorkspace)
    env.each { k, v -> pb.environment().put(k.toString(), v.toString()) }
    pb.redirectError(ProcessBuilder.Redirect.appendTo(new File(realWorkspace, 'sh-stderr.log')))
    Process p = pb.start()
    String stdout = p.inputStream.getText('UTF-8')
    int status = p.waitFor()
    if (call.returnStatus) {
      return status
    }
    if (status != 0) {
      throw new PipelineError("script returned exit code ${status}")
    }
    return call.returnStdout ? stdout : null
  }

  void runMatrix(Closure body) {
    matrix = [axes: [:], collecting: true]
    body()
    Map cell = matrix
    cell.collecting = false
    List<Map> combinations = [[:]]
    cell.axes.each { axisName, axisValues ->
      combinations = combinations.collectMany { c -> axisValues.collect { v -> c + [(axisName): v] } }
    }
    combinations.each { Map combination ->
      combination.each { k, v ->
        binding.setVariable(k, v)
        env[k] = v
      }
      cell.agent?.call()
      cell.stages.call()
    }
    matrix = null
  }
}
