package org.debforge.jenkins.cps

/** What a suspended program asks Jenkins to do: one step with its arguments. */
class StepCall implements Serializable {
  private static final long serialVersionUID = 1L
  final String name
  final Object[] args

  StepCall(String name, Object[] args) {
    this.name = name
    this.args = args
  }
}
