package org.debforge.orchestrator.compose;

/** The outcome of an import: {@code created} false when the identical compose was there. */
public record ComposeImport(boolean created, Compose compose) {}
