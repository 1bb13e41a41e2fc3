package org.debforge.orchestrator.auth;

/** A token just created: the only time its {@code secret} is known. */
public record NewToken(ApiToken token, String secret) {}
