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

  private final URI server;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ApiConnection(URI server, String token) {
    String s = server.toString();
    this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.token = token;
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

  JsonNode send(HttpRequest.Builder rb) {
    HttpRequest req = rb.build();
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
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
