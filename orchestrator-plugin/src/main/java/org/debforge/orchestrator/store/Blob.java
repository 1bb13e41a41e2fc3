package org.debforge.orchestrator.store;

/**
 * One file in the pool, named by its content.
 *
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record Blob(String sha256, long size) {
  public Blob {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}") || size < 0) {
      throw new IllegalArgumentException("a blob needs a sha256 and a size: " + sha256);
    }
  }
}
