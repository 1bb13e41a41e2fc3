package org.debforge.orchestrator.api;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.auth.Role;

/**
 * Who may call a route: declared where the route is ({@link RestApi#route}), checked once before
 * its handler runs by the server's access check (Javalin's route roles, the successor of its
 * AccessManager), so no handler repeats it. A handler that changes something asks {@link #caller}
 * for the name to record.
 */
public enum Access implements RouteRole {
  /** Anyone, token or not: the API's own description. */
  PUBLIC(null),
  /** A valid token of any role, or none when the server allows anonymous reads. */
  READ(Role.READER),
  BUILDER(Role.BUILDER),
  TAGGER(Role.TAGGER),
  ADMIN(Role.ADMIN);

  private static final String CALLER = "debforge.caller";

  private final Role role;

  Access(Role role) {
    this.role = role;
  }

  /** The role a token must hold; null for {@link #PUBLIC}. */
  public Role role() {
    return role;
  }

  /** Whether a request without a token may get through when the server allows anonymous reads. */
  public boolean isRead() {
    return this == READ;
  }

  /** Records, for the handler, who passed the check of a route that needs a token. */
  public static void admit(Context ctx, Caller caller) {
    ctx.attribute(CALLER, caller);
  }

  /** Who passed the check; only routes declared with a role above reader have one for sure. */
  static Caller caller(Context ctx) {
    Caller c = ctx.attribute(CALLER);
    if (c == null) {
      throw new IllegalStateException(ctx.path() + " is not declared with a role that names one");
    }
    return c;
  }
}
