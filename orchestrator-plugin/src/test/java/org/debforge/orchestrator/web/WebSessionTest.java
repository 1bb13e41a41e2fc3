package org.debforge.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.debforge.orchestrator.web.WebRoutesTest.csrf;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.debforge.orchestrator.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a web login is a session with its own random id (the cookie never carries the API
 * token), logout ends it on the server, and revoking the token (REST, admin only) ends the token
 * and every session opened with it.
 */
class WebSessionTest {
  @TempDir Path tmp;
  WebFixture f;
  String admin;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    f = new WebFixture(tmp, true);
    admin = f.o.createToken("setup", "root-admin", Role.ADMIN).secret();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(f.base + path)).header("Cookie", cookie));
  }

  private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(f.base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return send(b);
  }

  private String login(String token) throws Exception {
    HttpResponse<String> r =
        post("/login", null, "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(303);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private boolean loggedIn(String cookie) throws Exception {
    return get("/builds", cookie).body().contains("id=\"logout\"");
  }

  @Test
  void theCookieIsASessionIdNotTheToken() throws Exception {
    String a = login(f.tagger);
    String b = login(f.tagger);
    assertThat(a).startsWith(Session.COOKIE + "=dfs_").doesNotContain(f.tagger);
    assertThat(a).isNotEqualTo(b);
    assertThat(loggedIn(a)).isTrue();
    // The token itself in the cookie is no login.
    assertThat(loggedIn(Session.COOKIE + "=" + f.tagger)).isFalse();
  }

  @Test
  void logoutEndsTheSessionOnTheServer() throws Exception {
    String cookie = login(f.tagger);
    String other = login(f.tagger);
    String page = get("/builds", cookie).body();
    HttpResponse<String> out = post("/logout", cookie, "csrf=" + csrf(page));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    // A copy of the cookie kept after logout opens nothing; the other login is not affected.
    assertThat(loggedIn(cookie)).isFalse();
    assertThat(loggedIn(other)).isTrue();
  }

  @Test
  void revokingATokenEndsItAndItsSessions() throws Exception {
    String cookie = login(f.tagger);
    String readerCookie = login(f.reader);
    HttpRequest.Builder revoke =
        HttpRequest.newBuilder(URI.create(f.base + "/api/v1/tokens/release-team")).DELETE();
    assertThat(send(revoke.copy().header("Authorization", "Bearer " + f.tagger)).statusCode())
        .isEqualTo(403);
    assertThat(send(revoke.copy()).statusCode()).isEqualTo(401);
    assertThat(loggedIn(cookie)).isTrue();

    HttpResponse<String> r = send(revoke.copy().header("Authorization", "Bearer " + admin));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"name\":\"release-team\"");
    assertThat(loggedIn(cookie)).isFalse();
    assertThat(loggedIn(readerCookie)).isTrue();
    HttpResponse<String> tags =
        send(
            HttpRequest.newBuilder(URI.create(f.base + "/api/v1/tags"))
                .header("Authorization", "Bearer " + f.tagger));
    assertThat(tags.statusCode()).isEqualTo(401);
    assertThat(f.o.history(null, null))
        .anySatisfy(e -> assertThat(e.action()).isEqualTo("revoke-token"));
    // Again: it is gone (by name and by id alike).
    assertThat(send(revoke.copy().header("Authorization", "Bearer " + admin)).statusCode())
        .isEqualTo(404);
    long readerId =
        f.o.listTokens().stream()
            .filter(t -> t.name().equals("composer"))
            .findFirst()
            .orElseThrow()
            .id();
    HttpResponse<String> byId =
        send(
            HttpRequest.newBuilder(URI.create(f.base + "/api/v1/tokens/" + readerId))
                .DELETE()
                .header("Authorization", "Bearer " + admin));
    assertThat(byId.statusCode()).isEqualTo(200);
    assertThat(loggedIn(readerCookie)).isFalse();
  }
}
