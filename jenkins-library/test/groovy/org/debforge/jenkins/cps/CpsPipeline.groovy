package org.debforge.jenkins.cps

import com.cloudbees.groovy.cps.Continuable
import com.cloudbees.groovy.cps.CpsTransformer
import com.cloudbees.groovy.cps.NonCPS
import com.cloudbees.groovy.cps.ObjectInputStreamWithLoader
import com.cloudbees.groovy.cps.Outcome
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer

/**
 * Runs Pipeline scripts as Jenkins does: compiled with groovy-cps' CpsTransformer (the library
 * workflow-cps is built on), run as a {@link Continuable}, and at every step call the whole
 * program is written with ObjectOutputStream and the step's result resumes the copy read back,
 * as a Jenkins restart would. So a script that keeps something unserializable across a step
 * fails here with NotSerializableException, as it fails in Jenkins.
 *
 * The library is this module: vars/NAME.groovy are global variables, src/ is on the class path
 * (compiled under CPS too), resources/ answer libraryResource. Steps are {@link FakeJenkins}'s.
 */
class CpsPipeline {
  static final File MODULE =
      new File(System.getProperty('debforge.library', System.getProperty('basedir', '.'))).canonicalFile

  private static final ThreadLocal<CpsPipeline> CURRENT = new ThreadLocal<>()

  // Compiled once per test JVM: the library's classes do not change during a run, and compiling
  // them under CPS for every test would cost seconds each.
  private static GroovyClassLoader sharedLoader
  private static Class sharedBlocks
  private static final Map<String, Class> VARS = [:]

  final FakeJenkins jenkins
  final GroovyClassLoader loader
  final Set<String> blockSteps
  private final Class blocksClass
  private final Map<String, Class> vars = VARS
  /** How often the program was saved and restored. */
  int roundTrips
  /** The bytes of the largest saved program. */
  int largestState

  CpsPipeline(FakeJenkins jenkins) {
    this.jenkins = jenkins
    synchronized (VARS) {
      if (sharedLoader == null) {
        CompilerConfiguration cc = new CompilerConfiguration()
        // Jenkins imports these for every Pipeline script; Library is @Library's stand-in.
        cc.addCompilationCustomizers(new ImportCustomizer().addImports(NonCPS.name, Library.name), new CpsTransformer())
        cc.scriptBaseClass = PipelineScript.name
        sharedLoader = new GroovyClassLoader(CpsPipeline.classLoader, cc)
        sharedLoader.addClasspath(new File(MODULE, 'src').path)
        sharedBlocks = sharedLoader.parseClass(new File(MODULE, 'test/pipeline/Blocks.groovy'))
      }
    }
    loader = sharedLoader
    blocksClass = sharedBlocks
    blockSteps = blocksClass.declaredMethods.findAll {
      java.lang.reflect.Modifier.isPublic(it.modifiers) && !it.synthetic && !it.name.contains('$') &&
          !it.name.startsWith('___') && !(it.name in ['run', 'main', 'methodMissing', 'propertyMissing'])
    }*.name as Set
  }

  static CpsPipeline current() {
    CpsPipeline p = CURRENT.get()
    if (p == null) {
      throw new IllegalStateException('no pipeline is running on this thread')
    }
    return p
  }

  /** Runs a Jenkinsfile of this module (path relative to it) to its end; returns its value. */
  Object runFile(String path) {
    return run(new File(MODULE, path).getText('UTF-8'))
  }

  /** Runs Pipeline script text (as a Jenkinsfile: class WorkflowScript) to its end. */
  Object run(String text) {
    GroovyCodeSource code = new GroovyCodeSource(text, 'WorkflowScript', '/groovy/shell')
    code.cachable = false // the loader caches sources by name, and every Jenkinsfile is WorkflowScript
    Class c = loader.parseClass(code)
    PipelineScript blocks = (PipelineScript) blocksClass.newInstance()
    // setBlocks, not "script.blocks =": Script's setProperty writes binding variables.
    blocks.setBlocks(blocks)
    PipelineScript script = (PipelineScript) c.newInstance()
    script.setBlocks(blocks)
    return drive(new Continuable(script))
  }

  /**
   * The script method running as a plain JVM frame below this call, if any. CPS-transformed code
   * runs in the interpreter's frames, never its own; a script's own frame is a @NonCPS method.
   */
  String nonCpsCaller() {
    StackTraceElement frame = new Throwable().stackTrace.find { StackTraceElement f ->
      String owner = f.className.replaceFirst(/\$.*/, '')
      (owner == 'WorkflowScript' || owner == 'Blocks' || isGlobalVar(owner)) &&
          !(f.methodName in ['methodMissing', 'propertyMissing', 'invokeMethod', 'getProperty', '<init>']) &&
          !f.methodName.startsWith('___cps') && !f.methodName.contains('$')
    }
    return frame == null ? null : "${frame.className}.${frame.methodName}".toString()
  }

  boolean isGlobalVar(String name) {
    return new File(MODULE, "vars/${name}.groovy").isFile()
  }

  PipelineScript globalVar(String name, PipelineScript blocks) {
    Class c
    synchronized (VARS) {
      c = vars.computeIfAbsent(name) { loader.parseClass(new File(MODULE, "vars/${name}.groovy")) }
    }
    PipelineScript v = (PipelineScript) c.newInstance()
    v.setBlocks(blocks)
    return v
  }

  Object globalProperty(String name, PipelineScript blocks) {
    switch (name) {
      case 'env': return new EnvGlobal()
      case 'currentBuild': return new CurrentBuildGlobal()
      case 'params': return new LinkedHashMap(jenkins.params)
      case 'scm': return [$class: 'GitSCM', branch: jenkins.env.BRANCH_NAME]
      case '_': return null // @Library('x') _
      case 'none': case 'any': return name // agent none, agent any
    }
    if (isGlobalVar(name)) {
      return globalVar(name, blocks)
    }
    // Declarative exposes environment variables (a matrix cell's axes) as bare names.
    String value = jenkins.envValue(name)
    if (value != null) {
      return value
    }
    throw new MissingPropertyException(name, PipelineScript)
  }

  private Object drive(Continuable program) {
    CURRENT.set(this)
    try {
      Continuable c = program
      Outcome next = new Outcome(null, null)
      while (true) {
        Outcome out = c.run0(next)
        if (!c.isResumable()) {
          jenkins.checkNoHarnessFailure()
          return out.replay()
        }
        StepCall call = (StepCall) out.normal
        c = saveAndRestore(c)
        next = jenkins.execute(call)
      }
    } finally {
      CURRENT.remove()
    }
  }

  /** Writes the program as Jenkins writes program.dat, and reads it back into a new object graph. */
  Continuable saveAndRestore(Continuable c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream()
    new ProgramOutput(bytes).withCloseable { it.writeObject(c) }
    roundTrips++
    largestState = Math.max(largestState, bytes.size())
    return (Continuable) new ObjectInputStreamWithLoader(new ByteArrayInputStream(bytes.toByteArray()), loader)
        .withCloseable { it.readObject() }
  }
}
