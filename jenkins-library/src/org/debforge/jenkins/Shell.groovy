package org.debforge.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * POSIX shell quoting for the command lines the steps hand to {@code sh}. Values come from
 * pipeline parameters and branch names, so every argument is quoted unless it is made only of
 * characters no shell treats specially; the result is stable, which the tests rely on.
 */
class Shell implements Serializable {
  private static final String SAFE = /[A-Za-z0-9_.,:\/=+@%^-]+/

  @NonCPS
  static String quote(Object arg) {
    String s = String.valueOf(arg)
    if (s ==~ SAFE) {
      return s
    }
    // Close the quote, emit an escaped quote, reopen: the one form every POSIX shell reads alike.
    return "'" + s.replace("'", "'\\''") + "'"
  }

  @NonCPS
  static String join(List args) {
    return args.collect { quote(it) }.join(' ')
  }
}
