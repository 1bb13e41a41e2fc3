package org.debforge.jenkins.cps

/** What {@code error} throws (Jenkins throws hudson.AbortException): a message, no stack in the log. */
class PipelineError extends RuntimeException {
  PipelineError(String message) {
    super(message)
  }
}
