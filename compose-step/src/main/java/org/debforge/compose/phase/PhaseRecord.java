package org.debforge.compose.phase;

import java.time.Instant;

/**
 * How a phase went, for {@code metadata/composeinfo.json}'s {@code debforge.phases}.
 *
 * @param status {@code finished}, {@code failed}, or {@code skipped} (not run after a doom)
 * @param error the failure's message, else null
 * @param note what the phase reports about itself (e.g. "reused from OLD-ID"), else null
 */
public record PhaseRecord(
    String name,
    String status,
    boolean failable,
    Instant started,
    Instant ended,
    String error,
    String note) {
  public double seconds() {
    return started == null || ended == null
        ? 0
        : (ended.toEpochMilli() - started.toEpochMilli()) / 1000.0;
  }
}
