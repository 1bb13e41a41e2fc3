package org.debforge.orchestrator.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.api.Access;
import org.debforge.orchestrator.auth.ApiToken;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.auth.Role;

/**
 * Runs before every matched route ({@code beforeMatched}) and enforces the {@link Access} the route
 * was declared with: the Bearer token's role, or no token for reads when anonymous reads are on.
 * Routes without an Access (the web UI's pages, which log in with a cookie) are left alone. A tag's
 * lock and perm are the engine's to check, on the caller recorded here.
 */
final class AccessCheck implements Handler {
  private final Orchestrator o;
  private final boolean anonymousRead;

  AccessCheck(Orchestrator o, boolean anonymousRead) {
    this.o = o;
    this.anonymousRead = anonymousRead;
  }

  @Override
  public void handle(Context ctx) {
    Access needed = null;
    for (RouteRole r : ctx.routeRoles()) {
      if (r instanceof Access a) {
        needed = a;
      }
    }
    if (needed == null || needed == Access.PUBLIC) {
      return;
    }
    Optional<ApiToken> token = token(ctx);
    if (needed.isRead()) {
      if (token.isEmpty() && !anonymousRead) {
        throw new DebforgeException(
            ErrorKind.UNAUTHENTICATED,
            "this server needs an API token to read",
            "pass --token TOKEN or set DEB_ORCHESTRATOR_TOKEN");
      }
      token.ifPresent(t -> Access.admit(ctx, Caller.of(t)));
      return;
    }
    Access.admit(ctx, Caller.of(require(token, needed.role())));
  }

  /** The caller's token, if one was sent; an unknown token is refused even for reads. */
  private Optional<ApiToken> token(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new DebforgeException(
          ErrorKind.UNAUTHENTICATED,
          "the Authorization header is not 'Bearer TOKEN'",
          "send 'Authorization: Bearer TOKEN' with a token from 'deb-orchestrator token create'");
    }
    return Optional.of(
        o.authenticate(header.substring(7).trim())
            .orElseThrow(
                () ->
                    new DebforgeException(
                        ErrorKind.UNAUTHENTICATED,
                        "unknown API token",
                        "ask an admin for a token ('deb-orchestrator token create')")));
  }

  private static ApiToken require(Optional<ApiToken> token, Role needed) {
    ApiToken t =
        token.orElseThrow(
            () ->
                new DebforgeException(
                    ErrorKind.UNAUTHENTICATED,
                    "this operation needs an API token with role " + needed.label(),
                    "pass --token TOKEN or set DEB_ORCHESTRATOR_TOKEN"));
    if (!t.role().allows(needed)) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "token '"
              + t.name()
              + "' has role "
              + t.role().label()
              + ", this needs "
              + needed.label(),
          "ask an admin for a token with role " + needed.label());
    }
    return t;
  }
}
