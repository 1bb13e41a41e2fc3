package org.debforge.orchestrator.build;

/**
 * A named point inside an import, for tests that inject a failure there (a crash between writing
 * blobs and committing the build must leave no visible build). {@link #NONE} in production.
 */
@FunctionalInterface
public interface Checkpoint {
  /** Blobs are in the pool; the database transaction has not started. */
  String BLOBS_WRITTEN = "blobs-written";

  void reached(String name);

  Checkpoint NONE = name -> {};
}
