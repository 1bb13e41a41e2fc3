package org.debforge.debmock.plugin.api;

import java.io.PrintStream;

/**
 * Where the plugin system reports what is worth a user's attention but does not stop the build: a
 * best-effort hook that failed, a stale plugin jar that is not enabled. A small interface rather
 * than a logging framework, so the CLI, a Jenkins step and tests each plug in their own.
 */
@FunctionalInterface
public interface Console {
  void warn(String message);

  /** Discards everything, for tests and embedders that collect warnings elsewhere. */
  Console NULL = message -> {};

  /** Writes {@code deb-mock: warning: ...} lines to standard error. */
  static Console stderr() {
    PrintStream err = System.err;
    return message -> err.println("deb-mock: warning: " + message);
  }
}
