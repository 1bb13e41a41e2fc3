package org.debforge.compose.phase;

import java.io.PrintWriter;

/**
 * One phase of a compose (Pungi's init, pkgset, gather, createrepo, ...), run over a context {@code
 * C} that phases share. A phase writes what it does to its own log.
 */
public interface Phase<C> {
  String name();

  /**
   * Whether a failure of this phase leaves the compose usable (Pungi's failable deliverables): the
   * failure is recorded and the compose finishes FINISHED_INCOMPLETE instead of DOOMED.
   */
  default boolean failable(C context) {
    return false;
  }

  /**
   * Whether this compose has this phase at all (Pungi skips a phase with no configuration): a phase
   * that does not apply gets no log and no record.
   */
  default boolean applies(C context) {
    return true;
  }

  void run(C context, PrintWriter log) throws Exception;

  /** A phase from a name and a body, for lists that tests assemble. */
  static <C> Phase<C> of(String name, boolean failable, Body<C> body) {
    return new Phase<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean failable(C context) {
        return failable;
      }

      @Override
      public void run(C context, PrintWriter log) throws Exception {
        body.run(context, log);
      }
    };
  }

  /** What a phase does. */
  @FunctionalInterface
  interface Body<C> {
    void run(C context, PrintWriter log) throws Exception;
  }
}
