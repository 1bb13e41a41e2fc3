package org.debforge.orchestrator.history;

import java.time.Instant;

/**
 * One recorded change: who did what to which tag or build, and when.
 *
 * @param tag the tag changed, or null
 * @param build the build ({@code source_version}) involved, or null
 * @param detail what else the change carried (parent, priority, owner...), or null
 */
public record HistoryEvent(
    long id, Instant at, String actor, String action, String tag, String build, String detail) {}
