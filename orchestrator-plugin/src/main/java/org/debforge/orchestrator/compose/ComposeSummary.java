package org.debforge.orchestrator.compose;

import java.time.Instant;

/** A compose as lists show it: its identity and status, without the lock. */
public record ComposeSummary(
    long id,
    String composeId,
    String name,
    String version,
    String date,
    int respin,
    String type,
    String status,
    int packages,
    int linkedPackages,
    String importedBy,
    Instant importedAt) {}
