package org.debforge.orchestrator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
    Problem p = Problem.badMessage(status, reason);
    fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    try {
      return ByteBuffer.wrap(
          JsonViews.MAPPER.writeValueAsString(p.json()).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
