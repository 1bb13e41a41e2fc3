package org.debforge.orchestrator.build;

/** A build's state, as Koji's. Only COMPLETE builds can be tagged. */
public enum BuildState {
  BUILDING,
  COMPLETE,
  FAILED,
  CANCELED,
  DELETED
}
