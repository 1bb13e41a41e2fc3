package org.debforge.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.debforge.orchestrator.web.WebFixture.HOSTILE;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.debforge.orchestrator.tag.Tagging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI's routes over HTTP on port 0: statuses, escaping, login, CSRF and roles. */
class WebRoutesTest {
  @TempDir Path tmp;
  WebFixture f;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    f = new WebFixture(tmp, true);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + path));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String cookie, String form) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(f.base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in and returns the Cookie header value the browser would send. */
  String login(String token) throws Exception {
    HttpResponse<String> r =
        post("/login", null, "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(303);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return m.group(1);
  }

  @Test
  void pagesRenderWithStatusTitleAndSecurityHeaders() throws Exception {
    for (String p :
        new String[] {
          "/builds",
          "/builds/hello_2.10-3",
          "/builds/hello_2.10-3/logs/build.log",
          "/tags",
          "/tags/trixie-build",
          "/packages",
          "/packages/hello",
          "/targets",
          "/composes",
          "/composes/" + WebFixture.COMPOSE,
          "/search?q=hello",
          "/login",
          "/static/debforge.css"
        }) {
      HttpResponse<String> r = get(p, null);
      assertThat(r.statusCode()).as(p).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(p).isPresent();
    }
    HttpResponse<String> builds = get("/builds", null);
    assertThat(builds.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(builds.body()).contains("<title>Builds", "hello_2.10-3", "hello_2.10-2");
    assertThat(get("/builds?package=nosuch", null).body()).contains("No builds match");
    assertThat(get("/builds?tag=trixie-updates", null).body())
        .contains("hello_2.10-2")
        .doesNotContain(">hello_2.10-3<");
    assertThat(get("/", null).statusCode()).isEqualTo(302);
  }

  @Test
  void buildPageShowsFilesResultAndProvenanceLinkingOnlyHttpUrls() throws Exception {
    String page = get("/builds/hello_2.10-3", null).body();
    assertThat(page)
        .contains("href=\"https://ci.debforge.invalid/job/hello/7/\"")
        .contains("succeeded") // result.json status
        .contains("/builds/hello_2.10-3/files/hello_2.10-3_amd64.deb")
        .contains("/builds/hello_2.10-3/logs/build.log");
    assertThat(get("/builds/hello_2.10-1", null).body()).doesNotContain("href=\"javascript:");
    HttpResponse<byte[]> deb =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(f.base + "/builds/hello_2.10-3/files/hello_2.10-3_amd64.deb"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(deb.statusCode()).isEqualTo(200);
    assertThat(new String(deb.body(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("!<arch>\n");
  }

  @Test
  void composePagesShowStatusSourcesAndPackagesLinkedToTheirBuilds() throws Exception {
    String list = get("/composes", null).body();
    assertThat(list)
        .contains("href=\"/composes/" + WebFixture.COMPOSE + "\"", "FINISHED", "Debforge 12")
        .contains("<a href=\"/composes\" class=\"on\">Composes</a>");
    String page = get("/composes/" + WebFixture.COMPOSE, null).body();
    assertThat(page)
        .contains("<dd class=\"state FINISHED\" id=\"status\">FINISHED</dd>")
        .contains("<a href=\"/tags/trixie-updates\">trixie-updates</a></td><td>s1</td>")
        .contains("<a href=\"/builds/hello_2.10-3\">hello_2.10-3</a>")
        .contains("Packages (2, 1 from builds)")
        .contains("http://deb.debian.org/debian");
    // A build's page names the composes that hold it.
    assertThat(get("/builds/hello_2.10-3", null).body())
        .contains(
            "<a href=\"/composes/" + WebFixture.COMPOSE + "\">" + WebFixture.COMPOSE + "</a>");
    assertThat(get("/builds/hello_2.10-2", null).body()).contains("In no imported compose.");
    // The builds page links the composes beside it.
    assertThat(get("/builds", null).body()).contains("<a href=\"/composes\">Composes</a>");
  }

  @Test
  void hostileTextIsEscapedEverywhere() throws Exception {
    String escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    for (String p :
        new String[] {
          "/builds/hello_2.10-3", // Jenkins job
          "/builds/hello_2.10-3/logs/build.log?q=warning&mode=highlight",
          "/tags/sandbox", // package filter
          "/tags/trixie-updates", // package owner, history detail
          "/composes/" + WebFixture.COMPOSE, // blueprint, phase name
          "/search?q=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8)
        }) {
      String body = get(p, null).body();
      assertThat(body).as(p).doesNotContain(HOSTILE).doesNotContain("<script");
    }
    assertThat(get("/tags/sandbox", null).body()).contains(escaped);
    assertThat(get("/builds/hello_2.10-3/logs/build.log?q=warning", null).body())
        .contains("<mark>warning</mark>: " + escaped);
  }

  @Test
  void logSearchFiltersHighlightsAndPages() throws Exception {
    String filtered = get("/builds/hello_2.10-3/logs/build.log?q=WARNING", null).body();
    assertThat(filtered)
        .contains("2 matching lines", "id=\"L7\"", "id=\"L900\"", "<mark>warning</mark>")
        .doesNotContain("id=\"L8\"");
    String first = get("/builds/hello_2.10-3/logs/build.log", null).body();
    assertThat(first).contains("id=\"L500\"", "Page 1 of 3").doesNotContain("id=\"L501\"");
    String last = get("/builds/hello_2.10-3/logs/build.log?page=3", null).body();
    assertThat(last).contains("id=\"L1200\"").doesNotContain("id=\"L1000\"");
  }

  @Test
  void unknownBuildTagAndPageAreHtml404WhileTheApiKeepsProblemJson() throws Exception {
    for (String p :
        new String[] {
          "/builds/nosuch_1.0", "/tags/nosuch", "/nosuch", "/packages/x", "/composes/x"
        }) {
      HttpResponse<String> r = get(p, null);
      assertThat(r.statusCode()).as(p).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow())
          .as(p)
          .startsWith("text/html");
      assertThat(r.body()).as(p).contains("<h1>404 Not found</h1>");
    }
    HttpResponse<String> api = get("/api/v1/builds/nosuch_1.0", null);
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(get("/api/v1/nosuch", null).headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
  }

  @Test
  void taggerTagsWithCsrfTokenAndTheChangeIsRecordedUnderTheTokenName() throws Exception {
    String cookie = login(f.tagger);
    String page = get("/tags/trixie-updates", cookie).body();
    assertThat(page).contains("release-team (tagger)", "id=\"tag-form\"");
    String form = "build=hello_2.10-3&csrf=" + csrf(page);
    HttpResponse<String> r = post("/tags/trixie-updates/tag", cookie, form);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/tags/trixie-updates");
    assertThat(f.o.listTagged("trixie-updates", Tagging.Query.all()))
        .extracting(t -> t.build().nvr())
        .contains("hello_2.10-3");
    assertThat(f.o.history("trixie-updates", "hello_2.10-3"))
        .anyMatch(e -> e.action().equals("tag") && e.actor().equals("release-team"));
    // Untag from the build page.
    String buildPage = get("/builds/hello_2.10-3", cookie).body();
    assertThat(
            post("/builds/hello_2.10-3/untag", cookie, "tag=trixie-updates&csrf=" + csrf(buildPage))
                .statusCode())
        .isEqualTo(303);
    assertThat(f.o.listTagged("trixie-updates", Tagging.Query.all()))
        .extracting(t -> t.build().nvr())
        .doesNotContain("hello_2.10-3");
  }

  @Test
  void missingOrWrongCsrfIsForbiddenAndChangesNothing() throws Exception {
    String cookie = login(f.tagger);
    for (String form : new String[] {"build=hello_2.10-3", "build=hello_2.10-3&csrf=forged"}) {
      HttpResponse<String> r = post("/tags/trixie-updates/tag", cookie, form);
      assertThat(r.statusCode()).as(form).isEqualTo(403);
      assertThat(r.body()).contains("CSRF");
    }
    assertThat(post("/logout", cookie, "").statusCode()).isEqualTo(403);
    assertThat(f.o.listTagged("trixie-updates", Tagging.Query.all())).hasSize(1);
  }

  @Test
  void readerCannotTagAndSeesNoForms() throws Exception {
    String cookie = login(f.reader);
    String page = get("/tags/trixie-updates", cookie).body();
    assertThat(page).contains("composer (reader)").doesNotContain("id=\"tag-form\"");
    HttpResponse<String> r =
        post("/tags/trixie-updates/tag", cookie, "build=hello_2.10-3&csrf=" + csrf(page));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("403 Permission denied", "tagging needs tagger");
    assertThat(post("/tags/trixie-updates/tag", null, "build=hello_2.10-3").statusCode())
        .isEqualTo(401);
    assertThat(f.o.listTagged("trixie-updates", Tagging.Query.all())).hasSize(1);
  }

  @Test
  void loginRefusesUnknownTokensAndLogoutClearsTheCookie() throws Exception {
    HttpResponse<String> bad = post("/login", null, "token=dfo_nosuch");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(
            post("/login", null, "token=" + f.tagger + "&next=//evil.invalid/")
                .headers()
                .firstValue("Location"))
        .hasValue("/builds");
    String cookie = login(f.tagger);
    String page = get("/builds", cookie).body();
    HttpResponse<String> out = post("/logout", cookie, "csrf=" + csrf(page));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
  }

  @Test
  void withoutAnonymousReadPagesAskForALogin(@TempDir Path other) throws Exception {
    try (WebFixture closed = new WebFixture(other, false)) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(closed.base + "/builds")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fbuilds");
    }
  }

  /** The web forms go through the engine's check of a tag's perm, as the REST API does. */
  @Test
  void tagWithAPermRefusesATaggerWithoutItInTheWebUiToo() throws Exception {
    f.o.editTag("admin", "trixie-updates", null, null, "release");
    String cookie = login(f.tagger);
    String page = get("/tags/trixie-updates", cookie).body();
    assertThat(page).doesNotContain("id=\"tag-form\"");
    HttpResponse<String> r =
        post("/tags/trixie-updates/tag", cookie, "build=hello_2.10-3&csrf=" + csrf(page));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("requires permission", "release");
    String buildPage = get("/builds/hello_2.10-2", cookie).body();
    r = post("/builds/hello_2.10-2/untag", cookie, "tag=trixie-updates&csrf=" + csrf(buildPage));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(f.o.listTagged("trixie-updates", Tagging.Query.all()))
        .extracting(t -> t.build().nvr())
        .containsExactly("hello_2.10-2");
  }
}
