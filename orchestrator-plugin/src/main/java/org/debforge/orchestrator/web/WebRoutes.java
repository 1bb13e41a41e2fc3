package org.debforge.orchestrator.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.json.Problem;

/**
 * The web UI: server-rendered pages over the same {@link Orchestrator} as the REST API. Pages throw
 * their errors like the API's routes; the server's one error mapping has them rendered by {@link
 * #errorPage}, an HTML page with the status the API would give (the API keeps its problem JSON).
 * Templates are jte, compiled at build time from {@code src/main/jte} with HTML escaping of every
 * {@code ${...}}.
 */
public final class WebRoutes {
  private static final String CSS = "/static/debforge.css";

  private final Orchestrator o;
  private final Session session;
  private final TemplateEngine jte =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, null, "org.debforge.orchestrator.web.jte");
  private Javalin app;

  public WebRoutes(Orchestrator o, boolean anonymousRead) {
    this.o = o;
    this.session = new Session(o, anonymousRead);
  }

  public void register(Javalin app) {
    this.app = app;
    app.before(
        ctx -> {
          if (!ctx.path().startsWith("/api/")) {
            // Defence in depth behind the templates' escaping: no scripts at all, own CSS only.
            ctx.header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
                    + " frame-ancestors 'none'; base-uri 'none'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "same-origin");
          }
        });
    page(HandlerType.GET, "/", ctx -> ctx.redirect("/builds"));
    page(HandlerType.GET, CSS, WebRoutes::css);
    new BuildPages(o, session, this).register();
    new ComposePages(o, this).register();
    new TagPages(o, session, this).register();
    new PackagePages(o, session, this).register();
    new LoginPages(session, this).register();
  }

  /**
   * Registers a page: errors it throws reach the server's error mapping, then {@link #errorPage}.
   */
  void page(HandlerType method, String path, Handler h) {
    app.addHttpHandler(method, path, h);
  }

  void render(Context ctx, int status, String template, Object model) {
    StringOutput out = new StringOutput();
    jte.render(template, model, out);
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
  }

  /** The viewer for a page's layout (null: anonymous), enforcing --no-anonymous-read. */
  Layout layout(Context ctx, String title, String section, Crumb... crumbs) {
    return new Layout(title, section, List.of(crumbs), session.read(ctx), ctx.path());
  }

  public record ErrorPage(Layout layout, int status, String title, String detail, String hint) {}

  /**
   * Answers a page's error: a reader who must log in is sent to the login page (then back), any
   * other error is an HTML page with the status the API gives the same error.
   */
  public void errorPage(Context ctx, DebforgeException e) {
    if (e.kind() == ErrorKind.UNAUTHENTICATED && ctx.method() == HandlerType.GET) {
      ctx.redirect(Href.of("/login").with("next", ctx.path()).toString());
      return;
    }
    Problem p = Problem.of(e);
    Viewer v;
    try {
      v = session.viewer(ctx).orElse(null);
    } catch (RuntimeException ignored) {
      v = null; // the error page must render even when the database is what failed
    }
    Layout l =
        new Layout(p.status() + " " + p.title(), "", List.of(new Crumb(p.title(), null)), v, null);
    render(
        ctx,
        p.status(),
        "error.jte",
        new ErrorPage(l, p.status(), p.title(), p.detail(), p.hint()));
  }

  private static void css(Context ctx) throws IOException {
    try (InputStream in = WebRoutes.class.getResourceAsStream("debforge.css")) {
      ctx.header("Cache-Control", "max-age=3600").contentType("text/css").result(in.readAllBytes());
    }
  }
}
