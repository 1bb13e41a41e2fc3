package org.debforge.orchestrator.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.json.Problem;

/**
 * One server's /api/v1 over HTTP: requests carry the token, and a problem answer becomes the {@link
 * DebforgeException} of the same kind, so a remote command exits as a local one would.
 */
final class ApiConnection {
  /**
   * The REST API's root on every server. Spelled here, not borrowed from the server's routes: the
   * client must not pull in the server, and openapi.json is the contract both follow.
   */
  static final String API = "/api/v1";

  /** How long one call waits in total for a busy server (429/503) before it gives up. */
  static final Duration BUSY_PATIENCE = Duration.ofSeconds(120);

  private final URI server;
  private final String token;
  private final BusyRetry busy;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ApiConnection(URI server, String token) {
    this(server, token, new BusyRetry(BUSY_PATIENCE, BusyRetry::sleep));
  }

  ApiConnection(URI server, String token, BusyRetry busy) {
    String s = server.toString();
    this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.token = token;
    this.busy = busy;
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server + API + path))
            .timeout(Duration.ofMinutes(10))
            .header("Accept", "application/json");
    if (token != null && !token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  JsonNode get(String path) {
    return send(request(path).GET());
  }

  JsonNode post(String path, Map<String, ?> body) {
    return send(request(path).header("Content-Type", "application/json").POST(json(body)));
  }

  JsonNode patch(String path, Map<String, ?> body) {
    return send(
        request(path).header("Content-Type", "application/json").method("PATCH", json(body)));
  }

  private static BodyPublisher json(Map<String, ?> body) {
    try {
      return BodyPublishers.ofByteArray(JsonViews.MAPPER.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a request and answers its JSON body. A busy answer (429, or 503 as the server's body
   * slots give it) is sent again after the server's Retry-After, within {@link BusyRetry}'s
   * patience: the server refused it before handling it, so a retry cannot apply it twice. Every
   * body this client sends can be read again (byte arrays, files, the upload client's slices opened
   * per subscription).
   */
  JsonNode send(HttpRequest.Builder rb) {
    HttpRequest req = rb.build();
    BusyRetry.Attempts attempts = busy.start();
    while (true) {
      HttpResponse<byte[]> resp = exchange(req);
      if (BusyRetry.isBusy(resp.statusCode())) {
        java.util.Optional<String> after = resp.headers().firstValue("Retry-After");
        if (attempts.waitBeforeRetry(after)) {
          continue;
        }
      }
      return answer(resp);
    }
  }

  private HttpResponse<byte[]> exchange(HttpRequest req) {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          "cannot connect to " + server,
          "is 'deb-orchestrator serve' running there? check --server / DEB_ORCHESTRATOR_SERVER",
          e);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, server + ": " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.IO, "interrupted", null, e);
    }
  }

  private JsonNode answer(HttpResponse<byte[]> resp) {
    JsonNode body;
    try {
      body = resp.body().length == 0 ? null : JsonViews.MAPPER.readTree(resp.body());
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          server + " answered " + resp.statusCode() + " with something that is not JSON",
          "is --server a deb-orchestrator server?");
    }
    if (resp.statusCode() >= 400) {
      JsonNode p = body == null ? JsonViews.MAPPER.createObjectNode() : body;
      String detail = p.path("detail").asText("HTTP " + resp.statusCode());
      String hint = p.hasNonNull("hint") ? p.get("hint").asText() : null;
      throw new DebforgeException(
          Problem.kindOf(p.path("type").asText(null), resp.statusCode()), detail, hint);
    }
    return body;
  }

  static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
