package org.debforge.orchestrator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.api.Access;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.json.Problem;
import org.debforge.orchestrator.web.WebRoutes;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become answers, with one status per engine error ({@link Problem#of}):
 * problem details for the REST API and the published repositories, an HTML page for the web UI.
 * Routes declared with an {@link Access} are the API's; unmatched paths are the API's under /api/,
 * pages elsewhere.
 */
final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  // Javalin runs the status handlers after an exception's too; this keeps them from answering
  // twice.
  private static final String ANSWERED = "debforge.answered";
  private static final int[] UNANSWERED = {400, 404, 405, 413, 500};

  private final WebRoutes pages;

  ErrorMapper(WebRoutes pages) {
    this.pages = pages;
  }

  void install(Javalin app) {
    app.exception(DebforgeException.class, (e, ctx) -> answer(ctx, e));
    // Jetty's own refusals while a handler reads the request (a body slower than the minimum data
    // rate: 408; a malformed chunked body: 400) keep their status.
    app.exception(
        BadMessageException.class,
        (e, ctx) -> {
          ctx.attribute(ANSWERED, Boolean.TRUE);
          problem(ctx, Problem.badMessage(e.getCode(), e.getReason()));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          if (clientGone(e)) {
            // The client hung up or was cut off (idle timeout, header deadline): nobody to answer.
            LOG.debug("{} {}: client gone", ctx.method(), ctx.path(), e);
            ctx.attribute(ANSWERED, Boolean.TRUE);
            return;
          }
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          ctx.attribute(ANSWERED, Boolean.TRUE);
          if (isPage(ctx)) {
            pages.errorPage(ctx, new DebforgeException(ErrorKind.IO, "internal error", null));
          } else {
            problem(ctx, Problem.internal());
          }
        });
    // Unknown routes, and anything else ending in an error without an answer yet.
    for (int status : UNANSWERED) {
      app.error(
          status,
          ctx -> {
            if (ctx.attribute(ANSWERED) == null) {
              unanswered(ctx, status);
            }
          });
    }
  }

  private void answer(Context ctx, DebforgeException e) {
    ctx.attribute(ANSWERED, Boolean.TRUE);
    if (isPage(ctx)) {
      pages.errorPage(ctx, e);
      return;
    }
    Problem p = Problem.of(e);
    if (p.status() >= 500) {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    }
    problem(ctx, p);
  }

  private void unanswered(Context ctx, int status) {
    ctx.attribute(ANSWERED, Boolean.TRUE);
    if (status == 404 && isPage(ctx)) {
      pages.errorPage(
          ctx,
          new DebforgeException(
              ErrorKind.NOT_FOUND, "no page " + ctx.path(), "start from the builds list"));
      return;
    }
    problem(
        ctx,
        status == 404
            ? new Problem(
                Problem.typeOf(ErrorKind.NOT_FOUND),
                "Not found",
                404,
                "no route " + ctx.method() + " " + ctx.path(),
                "see /api/v1/openapi.json for the API")
            : status == 500 ? Problem.internal() : Problem.badMessage(status, null));
  }

  private static boolean clientGone(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.io.EofException
          || t instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPage(Context ctx) {
    return ctx.routeRoles().stream().noneMatch(r -> r instanceof Access)
        && !ctx.path().startsWith("/api/");
  }

  private static void problem(Context ctx, Problem p) {
    try {
      ctx.status(p.status())
          .contentType(Problem.CONTENT_TYPE)
          .result(JsonViews.MAPPER.writeValueAsString(p.json()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
