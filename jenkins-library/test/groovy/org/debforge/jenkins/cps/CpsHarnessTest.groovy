package org.debforge.jenkins.cps

import static org.assertj.core.api.Assertions.assertThat
import static org.assertj.core.api.Assertions.assertThatThrownBy

import org.junit.jupiter.api.Test

/** The harness itself: programs are saved and restored at each step, and the planted faults Jenkins would hit fail here too. */
class CpsHarnessTest {
  FakeJenkins jenkins = new FakeJenkins()
  CpsPipeline pipeline = new CpsPipeline(jenkins)

  @Test
  void everyStepCallSavesAndRestoresTheProgramAndLocalsSurvive() {
    jenkins.onSh('date', [stdout: 'Thu\n'])
    def r = pipeline.run('''
      int n = 0
      List seen = []
      node('debian') {
        for (int i = 0; i < 3; i++) {
          seen << sh(script: 'date', returnStdout: true).trim() + i
          n++
        }
      }
      return "${n} ${seen.join(',')}"
    ''')
    assertThat(r.toString()).isEqualTo('3 Thu0,Thu1,Thu2')
    // enterNode, three sh, exitNode: each a suspension, each a save and a restore.
    assertThat(pipeline.roundTrips).isEqualTo(5)
    assertThat(jenkins.agentLabels).containsExactly('debian')
  }

  @Test
  void aMatcherKeptAcrossAStepIsNotSerializable() {
    assertThatThrownBy {
      pipeline.run('''
        def m = ('hello_2.10-3' =~ /_(.*)/)
        m.find()
        echo 'kept the matcher'
        return m.group(1)
      ''')
    }.isInstanceOf(NotSerializableException).hasMessageContaining('java.util.regex.Matcher')
  }

  @Test
  void aListIteratorKeptAcrossAStepIsSavedAsWorkflowCpsDoes() {
    def r = pipeline.run('''
      List seen = []
      for (String arch in ['amd64', 'arm64', 'riscv64']) {
        echo arch
        seen << arch
      }
      return seen
    ''')
    assertThat(r).isEqualTo(['amd64', 'arm64', 'riscv64'])
    assertThat(jenkins.log).containsExactly('amd64', 'arm64', 'riscv64')
  }

  @Test
  void aMapEntryKeptAcrossAStepIsNotSerializable() {
    // A HashMap entry (and its iterator) kept across a step fails in Jenkins as here: iterate a
    // list of the keys instead (new ArrayList(map.keySet())).
    assertThatThrownBy {
      pipeline.run('''
        Map m = new HashMap([a: 1, b: 2])
        for (e in m.entrySet()) {
          echo e.key
        }
      ''')
    }.isInstanceOf(NotSerializableException).hasMessageStartingWith('java.util.HashMap$')
  }

  @Test
  void aMatcherUsedBetweenStepsOnlyIsFine() {
    def r = pipeline.run('''
      String v = ('hello_2.10-3' =~ /_(.*)/)[0][1]
      echo v
      return v
    ''')
    assertThat(r).isEqualTo('2.10-3')
    assertThat(jenkins.log).containsExactly('2.10-3')
  }

  @Test
  void readJsonGivesJsonLibObjectsWhoseNullIsNotGroovyNull() {
    def r = pipeline.run('''
      def o = readJSON(text: '{"message": null, "n": 1, "a": [1]}')
      echo 'across a step'
      return [o.getClass().name, o.a.getClass().name, o.message == null, o.message ? 'truthy' : 'falsy']
    ''')
    assertThat(r).isEqualTo(['net.sf.json.JSONObject', 'net.sf.json.JSONArray', false, 'truthy'])
  }

  @Test
  void errorAbortsWithItsMessageAndFinallyBlocksRun() {
    assertThatThrownBy {
      pipeline.run('''
        try {
          error 'stop here'
        } finally {
          echo 'cleanup'
        }
      ''')
    }.isInstanceOf(PipelineError).hasMessage('stop here')
    assertThat(jenkins.log).containsExactly('cleanup')
  }

  @Test
  void fileStepsOutsideANodeFailTheRun() {
    assertThatThrownBy { pipeline.run("sh 'true'") }
        .isInstanceOf(AssertionError).hasMessageContaining('sh outside node')
  }

  @Test
  void anUnknownStepIsNamed() {
    assertThatThrownBy { pipeline.run("frobnicate('x')") }
        .isInstanceOf(NoSuchMethodError).hasMessageContaining("No such DSL method 'frobnicate'")
  }

  @Test
  void nonCpsMethodCallingAStepIsCaughtAsJenkinsDoes() {
    // A @NonCPS method cannot suspend: Jenkins refuses the step inside it.
    assertThatThrownBy {
      pipeline.run('''
        @NonCPS
        def helper() { echo 'inside NonCPS' }
        helper()
      ''')
    }.isInstanceOf(IllegalStateException).hasMessageContaining('echo() called from @NonCPS WorkflowScript.helper')
  }
}
