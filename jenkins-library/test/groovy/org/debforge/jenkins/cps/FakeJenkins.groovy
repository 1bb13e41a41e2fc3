package org.debforge.jenkins.cps

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper
import com.cloudbees.groovy.cps.Outcome
import groovy.json.JsonOutput
import java.nio.file.NoSuchFileException
import net.sf.json.JSONSerializer

/**
 * Jenkins' side of a run: the steps the library uses, each as its plugin behaves (readJSON gives
 * json-lib objects, archiveArtifacts refuses an empty match, junit and stash too), and the state
 * that lives in Jenkins, not in the program: environment, build result, workspaces, archive,
 * stashes. Nothing here is saved with the program. {@code sh} is answered by handlers ({@link
 * #onSh}); a fake tool on the agent (FakeDebMock, FakeOrchestrator) is one. A harness rule broken
 * (a path archived twice, a file step outside a node) is an AssertionError the run rethrows.
 */
class FakeJenkins {
  Map<String, String> env = [:]
  Map params = [:]
  Map currentBuild = [result: null, description: null, number: 1]
  /** The files checkout scm puts into the workspace (path -> text). */
  Map<String, String> scmFiles = [:]
  /** Secret text per credentials id; an unknown id binds "secret-of-ID". */
  Map<String, String> credentials = [:]

  /** Every step call: [step:, args: (plain), node:, cell:]. */
  List<Map> calls = []
  /** Every sh call: [script:, returnStatus:, returnStdout:, env: the environment it saw]. */
  List<Map> shCalls = []
  List<List> shHandlers = []
  List<String> agentLabels = []
  List<String> stagesRun = []
  List<String> stagesSkipped = []
  List<String> log = []
  /** Archived path -> the matrix cell (or '') that archived it; each path once per build. */
  Map<String, String> archived = [:]
  Set<String> fingerprinted = [] as Set
  List<String> junitReports = []
  Map<String, Map<String, String>> stashes = [:]
  /** Every workspace a node allocation got, in order (label -> files). */
  List<List> workspaces = []
  /** When set, sh really runs there and file steps use its files (the end-to-end test). */
  File realWorkspace

  private final List<AssertionError> harnessFailures = []
  private final List<Map> envStack = []
  private final List<Map<String, String>> nodeStack = []
  private final List<String> cells = []

  /**
   * Answers sh calls whose script contains pattern: a Map [status, stdout, stderr, files] or a
   * Closure(call) giving one. The handler set last is asked first, so a test overrides a fake tool.
   */
  void onSh(String pattern, Object answer) {
    shHandlers.add(0, [pattern, answer])
  }

  List<String> shScripts() {
    return shCalls.collect { it.script.toString() }
  }

  /** The first argument of each call of one step, as Jenkins sees it (GStrings made Strings). */
  List firstArgs(String step) {
    return calls.findAll { it.step == step }.collect { it.args[0] }
  }

  String envValue(String name) {
    for (int i = envStack.size() - 1; i >= 0; i--) {
      if (envStack[i].containsKey(name)) {
        return envStack[i][name]
      }
    }
    return env[name]
  }

  Map<String, String> effectiveEnv() {
    Map<String, String> all = new LinkedHashMap(env)
    envStack.each { all.putAll(it) }
    return all
  }

  Outcome execute(StepCall call) {
    Object[] args = call.args.collect { plain(it) } as Object[]
    calls << [step: call.name, args: args as List, node: nodeStack ? nodeStack.last().label : null,
              cell: cells ? cells.last() : '']
    try {
      return new Outcome(step(call.name, args), null)
    } catch (AssertionError e) {
      harnessFailures << e
      return new Outcome(null, e)
    } catch (Throwable t) {
      return new Outcome(null, t)
    }
  }

  void checkNoHarnessFailure() {
    if (harnessFailures) {
      throw harnessFailures[0]
    }
  }

  private Object step(String name, Object[] a) {
    Map m = a.length > 0 && a[0] instanceof Map ? (Map) a[0] : [:]
    switch (name) {
      case 'sh': return sh(a[0] instanceof Map ? m : [script: a[0]])
      case 'echo': log << a[0].toString(); return null
      case 'error': throw new PipelineError(a[0].toString())
      case 'unstable':
        new CurrentBuildGlobal().setProperty('result', 'UNSTABLE')
        log << "WARNING: ${m.message ?: a[0]}".toString()
        return null
      case 'readJSON':
        String text = m.text != null ? m.text : read(m.file.toString())
        return JSONSerializer.toJSON(text) // net.sf.json.JSONObject / JSONArray, as Jenkins'
      case 'readYaml': // pipeline-utility-steps: plain maps, lists and scalars, as SnakeYAML gives them
        return new YAMLMapper().readValue(m.text != null ? m.text.toString() : read(m.file.toString()), Object)
      case 'readFile': return read((m.file ?: a[0]).toString())
      case 'writeFile': write(m.file.toString(), m.text.toString()); return null
      case 'fileExists': return exists((m.file ?: a[0]).toString())
      case 'libraryResource': return new File(CpsPipeline.MODULE, "resources/${a[0]}").getText('UTF-8')
      case 'archiveArtifacts': archive(a[0] instanceof Map ? m : [artifacts: a[0]]); return null
      case 'junit': junit(a[0] instanceof Map ? m : [testResults: a[0]]); return null
      // Core's fingerprint step: records the files, copies nothing into the archive.
      case 'fingerprint': fingerprinted.addAll(match((a[0] instanceof Map ? m.targets : a[0]).toString())); return null
      case 'stash': stash(m); return null
      case 'unstash': unstash((m.name ?: a[0]).toString()); return null
      case 'checkout':
        requireNode('checkout')
        scmFiles.each { path, text -> write(path, text) }
        return [GIT_BRANCH: env.BRANCH_NAME]
      case 'string': return [$class: 'StringBinding'] + m
      case 'logRotator': return m
      case 'timestamps': case 'timeout': case 'buildDiscarder': case 'disableConcurrentBuilds': return null
      // The block steps' halves (test/pipeline/Blocks.groovy).
      case 'enterNode': enterNode(a[0]?.toString() ?: ''); return null
      case 'exitNode': nodeStack.remove(nodeStack.size() - 1); return null
      case 'pushEnv':
        envStack << a[0].collectEntries { String kv -> [(kv.split('=', 2)[0]): kv.split('=', 2)[1]] }
        return null
      case 'popEnv': envStack.remove(envStack.size() - 1); return null
      case 'bindCredentials':
        envStack << a[0].collectEntries { [(it.variable): credentials[it.credentialsId] ?: "secret-of-${it.credentialsId}".toString()] }
        return null
      case 'enterCell': cells << a[0].toString(); return null
      case 'exitCell': cells.remove(cells.size() - 1); return null
      case 'enterStage': stagesRun << a[0].toString(); return null
      case 'skipStage': stagesSkipped << a[0].toString(); return null
    }
    throw new NoSuchMethodError("No such DSL method '${name}' found among steps")
  }

  private Object sh(Map call) {
    requireNode('sh')
    shCalls << (call + [env: effectiveEnv()])
    String script = call.script.toString()
    Map answer
    if (realWorkspace != null) {
      answer = runReal(script)
    } else {
      def handler = shHandlers.find { script.contains(it[0]) }?.getAt(1)
      answer = handler instanceof Closure ? (Map) handler.call(call + [script: script]) : (Map) (handler ?: [:])
      answer.files?.each { path, text -> write(path, text) }
      // The steps send a tool's stdout and stderr to files: "CMD > OUT 2> ERR".
      def redirect = script =~ /\s>\s*(\S+)\s+2>\s*(\S+)\s*$/
      if (redirect.find()) {
        write(redirect.group(1), answer.stdout ?: '')
        write(redirect.group(2), answer.stderr ?: '')
        answer = answer + [stdout: '']
      }
    }
    int status = answer.status ?: 0
    if (call.returnStatus) {
      return status
    }
    if (status != 0) {
      throw new PipelineError("script returned exit code ${status}")
    }
    return call.returnStdout ? (answer.stdout ?: '') : null
  }

  private Map runReal(String script) {
    ProcessBuilder pb = new ProcessBuilder('sh', '-c', script).directory(realWorkspace)
    effectiveEnv().each { k, v -> pb.environment().put(k, v) }
    pb.redirectError(ProcessBuilder.Redirect.appendTo(new File(realWorkspace, 'sh-stderr.log')))
    Process p = pb.start()
    String stdout = p.inputStream.getText('UTF-8')
    return [status: p.waitFor(), stdout: stdout]
  }

  private void enterNode(String label) {
    agentLabels << label
    Map<String, String> files = [:]
    workspaces << [label, files]
    nodeStack << [label: label, files: files]
  }

  private void requireNode(String step) {
    if (!nodeStack && realWorkspace == null) {
      throw new AssertionError((Object) ("${step} outside node: Jenkins has no workspace there " +
          '(MissingContextVariableException: hudson.FilePath)'))
    }
  }

  /** The current node's workspace: relative path -> text. */
  Map<String, String> getWorkspace() {
    requireNode('a file step')
    return nodeStack ? nodeStack.last().files : [:]
  }

  List<String> paths() {
    if (realWorkspace != null) {
      List<String> found = []
      realWorkspace.eachFileRecurse(groovy.io.FileType.FILES) {
        found << realWorkspace.toPath().relativize(it.toPath()).toString()
      }
      return found.sort()
    }
    return workspace.keySet().sort()
  }

  boolean exists(String path) {
    return realWorkspace != null ? new File(realWorkspace, path).isFile() : workspace.containsKey(path)
  }

  String read(String path) {
    if (!exists(path)) {
      throw new NoSuchFileException(path)
    }
    return realWorkspace != null ? new File(realWorkspace, path).getText('UTF-8') : workspace[path]
  }

  void write(String path, String text) {
    if (realWorkspace != null) {
      File f = new File(realWorkspace, path)
      f.parentFile.mkdirs()
      f.setText(text, 'UTF-8')
    } else {
      workspace[path] = text
    }
  }

  /** Ant-style patterns, comma-separated, as archiveArtifacts, junit and stash take them. */
  List<String> match(String patterns) {
    List<String> regexes = patterns.split(',')*.trim().findAll { it }.collect { glob(it) }
    return paths().findAll { p -> regexes.any { p ==~ it } }
  }

  static String glob(String pattern) {
    StringBuilder re = new StringBuilder()
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i)
      if (pattern.startsWith('**/', i)) {
        re << '(?:.*/)?'
        i += 2
      } else if (pattern.startsWith('**', i)) {
        re << '.*'
        i += 1
      } else if (c == '*' as char) {
        re << '[^/]*'
      } else if (c == '?' as char) {
        re << '[^/]'
      } else {
        re << java.util.regex.Pattern.quote(c.toString())
      }
    }
    return re.toString()
  }

  private void archive(Map m) {
    List<String> found = match(m.artifacts.toString())
    if (!found && !m.allowEmptyArchive) {
      throw new PipelineError("No artifacts found that match the file pattern \"${m.artifacts}\". " +
          'Configuration error?')
    }
    String cell = cells ? cells.last() : ''
    found.each { path ->
      if (archived.containsKey(path)) {
        // Jenkins would keep only the last copy: one cell's file silently replaces another's.
        throw new AssertionError((Object) "archived twice: ${path} (by '${archived[path]}', now by '${cell}')".toString())
      }
      archived[path] = cell
      if (m.fingerprint) {
        fingerprinted << path
      }
    }
  }

  private void junit(Map m) {
    List<String> found = match(m.testResults.toString())
    if (!found && !m.allowEmptyResults) {
      throw new PipelineError("No test report files were found. Configuration error?")
    }
    junitReports.addAll(found)
  }

  private void stash(Map m) {
    List<String> found = match((m.includes ?: '**').toString())
    if (!found && !m.allowEmpty) {
      throw new PipelineError("No files included in stash '${m.name}'")
    }
    stashes[m.name.toString()] = found.collectEntries { [(it): read(it)] }
  }

  private void unstash(String name) {
    if (!stashes.containsKey(name)) {
      throw new PipelineError("No such saved stash '${name}'")
    }
    stashes[name].each { path, text -> write(path, text) }
  }

  /** Step arguments as Jenkins' step descriptors see them: GStrings are Strings. */
  static Object plain(Object o) {
    if (o instanceof GString) {
      return o.toString()
    }
    if (o instanceof Map && !(o instanceof net.sf.json.JSON)) {
      return o.collectEntries { k, v -> [(plain(k)): plain(v)] }
    }
    if (o instanceof List && !(o instanceof net.sf.json.JSON)) {
      return o.collect { plain(it) }
    }
    return o
  }

  static String json(Object o) {
    return JsonOutput.toJson(o)
  }
}
