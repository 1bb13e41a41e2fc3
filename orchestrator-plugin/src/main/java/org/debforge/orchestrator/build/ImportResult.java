package org.debforge.orchestrator.build;

/**
 * What an import did.
 *
 * @param created false when the same content was already imported (the import was a no-op)
 */
public record ImportResult(Build build, boolean created) {}
