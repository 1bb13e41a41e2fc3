package org.debforge.compose.phase;

/** The values of a compose's {@code STATUS} file, Pungi's. */
public enum ComposeStatus {
  /** Running, or killed while running (a compose with no end never becomes latest). */
  STARTED,
  /** Every phase succeeded. */
  FINISHED,
  /** Every phase succeeded except failable ones. */
  FINISHED_INCOMPLETE,
  /** A phase that is not failable failed: the compose must not be used. */
  DOOMED
}
