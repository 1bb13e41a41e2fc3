package org.debforge.orchestrator.store;

import java.util.List;

/**
 * What garbage collection removed.
 *
 * @param removed sha256 of every unreferenced blob deleted
 * @param kept blobs still referenced by a build
 * @param leftovers interrupted temporary files deleted
 */
public record GcReport(List<String> removed, long freedBytes, int kept, int leftovers) {
  public GcReport {
    removed = List.copyOf(removed);
  }
}
