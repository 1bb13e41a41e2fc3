package org.debforge.jenkins

/**
 * A step's host-side callback (OBS's worker pre/post scripts: before:/after:), run in the
 * workspace outside any build root. Not @NonCPS: the callback calls steps. Its failure fails the
 * step naming it; an abort is rethrown as is, so it stays an abort.
 */
class HostCallback implements Serializable {
  static void run(Object script, String step, String name, Object body, Map result) {
    if (body == null) {
      return
    }
    try {
      if (result == null) {
        body.call()
      } else {
        body.call(result)
      }
    } catch (Throwable e) {
      if (e.getClass().name.endsWith('FlowInterruptedException')) {
        throw e
      }
      script.error("${step}: the ${name} callback failed: ${e.message}")
    }
  }
}
