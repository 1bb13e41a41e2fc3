package org.debforge.core.repo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Crash testing of {@link SuiteUpdater}: with {@code -Ddebforge.repo.halt-at=N} the JVM halts at
 * the Nth file system step of an update, as a {@code kill -9} would (no finally blocks, no shutdown
 * hooks, exit code {@value #EXIT}). A test can so stop a real publish at every step in turn, which
 * a kill after a random delay reaches only by luck. Without the property a step is one counter
 * increment.
 */
public final class HaltPoints {
  /** The exit code of a halted JVM, as for SIGKILL. */
  public static final int EXIT = 137;

  private static final long HALT_AT = Long.getLong("debforge.repo.halt-at", 0);
  private static final AtomicLong STEPS = new AtomicLong();

  private HaltPoints() {}

  /** Called after each change a crash could interrupt. */
  static void step() {
    if (STEPS.incrementAndGet() == HALT_AT) {
      Runtime.getRuntime().halt(EXIT);
    }
  }

  /** Steps taken so far in this JVM: how many halt points a run has. */
  public static long steps() {
    return STEPS.get();
  }
}
