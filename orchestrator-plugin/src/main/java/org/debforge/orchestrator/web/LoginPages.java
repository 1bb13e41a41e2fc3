package org.debforge.orchestrator.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/** Login with an API token (kept in a cookie) and logout. */
public final class LoginPages {
  private final Session session;
  private final WebRoutes web;

  LoginPages(Session session, WebRoutes web) {
    this.session = session;
    this.web = web;
  }

  void register() {
    web.page(GET, "/login", this::form);
    web.page(POST, "/login", this::login);
    web.page(POST, "/logout", this::logout);
  }

  public record LoginPage(Layout layout, String next, String error) {}

  private void form(Context ctx) {
    show(ctx, 200, null);
  }

  private void show(Context ctx, int status, String error) {
    Layout layout =
        new Layout(
            "Log in",
            "login",
            List.of(new Crumb("Log in", null)),
            session.viewer(ctx).orElse(null),
            null);
    web.render(ctx, status, "login.jte", new LoginPage(layout, next(ctx), error));
  }

  private void login(Context ctx) {
    if (session.login(ctx, ctx.formParam("token")).isEmpty()) {
      show(ctx, 401, "That token is not known to this server.");
      return;
    }
    ctx.redirect(next(ctx), HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    session.post(ctx);
    session.logout(ctx);
    ctx.redirect("/builds", HttpStatus.SEE_OTHER);
  }

  /** Where to go after logging in: a path on this server only (no open redirect). */
  private static String next(Context ctx) {
    String n = ctx.formParam("next");
    if (n == null) {
      n = ctx.queryParam("next");
    }
    return n != null && n.matches("/[A-Za-z0-9._~+%/-]*") && !n.startsWith("//") ? n : "/builds";
  }
}
