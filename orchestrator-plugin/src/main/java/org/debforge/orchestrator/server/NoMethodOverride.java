package org.debforge.orchestrator.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Javalin routes a request by {@code X-HTTP-Method-Override} when it is sent, so a POST could turn
 * into a DELETE past a proxy or firewall that allows only POST. The method on the request line is
 * the only one: a request carrying the header is refused before it is routed.
 */
final class NoMethodOverride implements Handler {
  static final String HEADER = "X-HTTP-Method-Override";

  @Override
  public void handle(Context ctx) {
    if (ctx.req().getHeader(HEADER) != null) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          HEADER + " is not honoured",
          "send the request with its real method (" + ctx.req().getHeader(HEADER) + ")");
    }
  }
}
