package org.debforge.jenkins.cps

/**
 * {@code env} as Jenkins gives it: reads see the variables of the current context (withEnv,
 * withCredentials, a matrix cell's axes) over the build's; writes set a build variable. It
 * holds no state, so a program that keeps it across a step still sees Jenkins', not a copy.
 */
class EnvGlobal extends GroovyObjectSupport implements Serializable {
  private static final long serialVersionUID = 1L

  @Override
  Object getProperty(String name) {
    return CpsPipeline.current().jenkins.envValue(name)
  }

  @Override
  void setProperty(String name, Object value) {
    CpsPipeline.current().jenkins.env[name] = value?.toString()
  }

  Map<String, String> getEnvironment() {
    return CpsPipeline.current().jenkins.effectiveEnv()
  }
}

/** {@code currentBuild} (RunWrapper): description and result live in Jenkins, not in the program. */
class CurrentBuildGlobal extends GroovyObjectSupport implements Serializable {
  private static final long serialVersionUID = 1L
  static final List<String> RESULTS = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED']

  @Override
  Object getProperty(String name) {
    Map build = CpsPipeline.current().jenkins.currentBuild
    if (!build.containsKey(name)) {
      throw new MissingPropertyException(name, CurrentBuildGlobal)
    }
    return build[name]
  }

  @Override
  void setProperty(String name, Object value) {
    Map build = CpsPipeline.current().jenkins.currentBuild
    if (name == 'result') {
      // As RunWrapper.setResult: a result only gets worse.
      String next = value?.toString()
      if (!RESULTS.contains(next)) {
        throw new IllegalArgumentException("currentBuild.result: ${next} is none of ${RESULTS}")
      }
      String now = build.result ?: 'SUCCESS'
      build.result = RESULTS.indexOf(next) > RESULTS.indexOf(now) ? next : now
    } else if (name == 'description' || name == 'displayName') {
      build[name] = value?.toString()
    } else {
      throw new ReadOnlyPropertyException(name, CurrentBuildGlobal)
    }
  }
}
