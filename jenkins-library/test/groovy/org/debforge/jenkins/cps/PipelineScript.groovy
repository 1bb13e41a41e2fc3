package org.debforge.jenkins.cps

import com.cloudbees.groovy.cps.Continuable
import com.cloudbees.groovy.cps.SerializableScript

/**
 * Base class of every script the harness compiles under CPS (Jenkinsfiles, vars/*.groovy, the
 * block steps): as workflow-cps' CpsScript, a name the script does not define is a global variable
 * (vars/NAME.groovy), a block step (run as CPS code, so its body is too), or a step. A step
 * suspends the whole program: the harness saves it, runs the step, and resumes a fresh copy.
 */
abstract class PipelineScript extends SerializableScript {
  /** The program's block steps and Declarative sections; one instance, shared by every script. */
  PipelineScript blocks

  def methodMissing(String name, Object args) {
    Object[] a = args instanceof Object[] ? (Object[]) args : [args] as Object[]
    CpsPipeline pipeline = CpsPipeline.current()
    String nonCps = pipeline.nonCpsCaller()
    if (nonCps != null) {
      // Called from a JVM frame of a script method, not by the CPS interpreter: a @NonCPS
      // method, where a step cannot suspend (workflow-cps reports it as a CPS mismatch).
      throw new IllegalStateException("${name}() called from @NonCPS ${nonCps}: a step cannot run " +
          'there; call it from CPS code, or keep the @NonCPS method free of steps')
    }
    if (pipeline.isGlobalVar(name)) {
      // Throws CpsCallableInvocation: the interpreter runs the step's call() as CPS code.
      return pipeline.globalVar(name, blocks).invokeMethod('call', a)
    }
    if (pipeline.blockSteps.contains(name) && !blocks.is(this)) {
      return blocks.invokeMethod(name, a)
    }
    return Continuable.suspend(new StepCall(name, a))
  }

  def propertyMissing(String name) {
    return CpsPipeline.current().globalProperty(name, blocks)
  }
}
