package org.debforge.orchestrator.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.ApiToken;
import org.debforge.orchestrator.auth.Role;

/**
 * Web logins: logging in with an API token opens a server-side session ({@code auth.WebSessions})
 * whose own random id is kept in an HttpOnly, SameSite=Strict cookie; the token never goes back to
 * the browser. The session is looked up on every request, so logout (which deletes it) and revoking
 * the token end it at once. Forms that change something carry a CSRF token derived from the session
 * id (an HMAC under a key that lives as long as the server), so a page of another site cannot post
 * one even where a browser ignores SameSite.
 */
final class Session {
  static final String COOKIE = "dfo_session";
  static final String CSRF_FIELD = "csrf";

  private final Orchestrator o;
  private final boolean anonymousRead;
  private final byte[] key = new byte[32];

  Session(Orchestrator o, boolean anonymousRead) {
    this.o = o;
    this.anonymousRead = anonymousRead;
    new SecureRandom().nextBytes(key);
  }

  /** Who is logged in, if anyone (a cookie holding an unknown token counts as nobody). */
  Optional<Viewer> viewer(Context ctx) {
    String secret = ctx.cookie(COOKIE);
    if (secret == null || secret.isEmpty()) {
      return Optional.empty();
    }
    return o.webSession(secret).map(t -> new Viewer(t.name(), t.role(), t.perms(), csrf(secret)));
  }

  /** The viewer of a page (null: anonymous); refuses anonymous readers when the server does. */
  Viewer read(Context ctx) {
    Optional<Viewer> v = viewer(ctx);
    if (v.isEmpty() && !anonymousRead) {
      throw new DebforgeException(
          ErrorKind.UNAUTHENTICATED, "this server needs a login to read", "log in with a token");
    }
    return v.orElse(null);
  }

  /** The viewer posting a form, after checking its CSRF token. */
  Viewer post(Context ctx) {
    Viewer v =
        viewer(ctx)
            .orElseThrow(
                () ->
                    new DebforgeException(
                        ErrorKind.UNAUTHENTICATED,
                        "you are not logged in",
                        "log in with an API token first"));
    String sent = ctx.formParam(CSRF_FIELD);
    if (sent == null
        || !MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), v.csrf().getBytes(StandardCharsets.UTF_8))) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "the form's CSRF token is missing or wrong",
          "reload the page and submit the form again");
    }
    return v;
  }

  /** As {@link #post}, for tag/untag: the role must allow it. */
  Viewer postToTag(Context ctx, String tag) {
    Viewer v = post(ctx);
    if (!v.role().allows(Role.TAGGER)) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "'" + v.name() + "' has role " + v.roleLabel() + ", tagging needs tagger",
          "ask an admin for a token with role tagger");
    }
    // A tag's lock and perm are checked by the engine, on the viewer's caller().
    return v;
  }

  /** Checks the token, opens a session and sets its cookie; empty when the token is unknown. */
  Optional<ApiToken> login(Context ctx, String secret) {
    Optional<ApiToken> t = secret == null ? Optional.empty() : o.authenticate(secret.trim());
    t.ifPresent(x -> setCookie(ctx, o.openWebSession(x), -1));
    return t;
  }

  /** Ends the session on the server, then clears the cookie. */
  void logout(Context ctx) {
    o.endWebSession(ctx.cookie(COOKIE));
    setCookie(ctx, "", 0);
  }

  private static void setCookie(Context ctx, String value, int maxAge) {
    // Secure when the browser reached us over TLS (directly or through a reverse proxy).
    boolean tls =
        "https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    ctx.res()
        .addHeader(
            "Set-Cookie",
            COOKIE
                + "="
                + value
                + "; Path=/; HttpOnly; SameSite=Strict"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
                + (tls ? "; Secure" : ""));
  }

  private String csrf(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
