package org.debforge.orchestrator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.json.Problem;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Requests Jetty refuses before they reach a route (a {@code %00} in the path, an ambiguous URI, a
 * bad header) get a problem body too, not Jetty's HTML page, so API clients see one error format.
 */
final class BadMessageProblems extends ErrorHandler {
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    ErrorKind kind = Problem.kindOf(null, status);
    Problem p =
        new Problem(
            Problem.typeOf(kind),
            "Bad request",
            status,
            "the request is malformed" + (reason == null ? "" : ": " + reason),
            "check the URL's encoding (no %00, no encoded '/' tricks) and the headers");
    fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    try {
      return ByteBuffer.wrap(
          JsonViews.MAPPER.writeValueAsString(p.json()).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
