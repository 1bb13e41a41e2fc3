package org.debforge.compose.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoServerTest {
  @TempDir Path tmp;

  @Test
  void servesFilesUnderTheRootOnLoopbackAndNothingElse() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("repo/dists/bookworm"));
    Files.writeString(root.resolve("InRelease"), "signed");
    Files.writeString(tmp.resolve("secret"), "no");
    HttpClient http = HttpClient.newHttpClient();
    try (RepoServer s = RepoServer.serve(tmp.resolve("repo"))) {
      assertThat(s.url()).startsWith("http://127.0.0.1:");
      HttpResponse<String> ok = get(http, s.url() + "/dists/bookworm/InRelease");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("signed");
      assertThat(get(http, s.url() + "/dists/bookworm/Release").statusCode()).isEqualTo(404);
      assertThat(get(http, s.url() + "/dists").statusCode()).isEqualTo(404);
      assertThat(get(http, s.url() + "/dists/../../secret").statusCode()).isEqualTo(404);
      assertThat(get(http, s.url() + "/%2e%2e/secret").statusCode()).isEqualTo(404);
      HttpResponse<String> head =
          http.send(
              HttpRequest.newBuilder(URI.create(s.url() + "/dists/bookworm/InRelease"))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Length")).hasValue("6");
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
