package org.debforge.orchestrator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.json.Problem;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * A bulkhead in front of the app (Jetty's QoSFilter, reduced to what we need): a request with a
 * body holds a thread while its body trickles in, so only {@code slots} of them run at once and the
 * rest are answered 503 at once (and their connection closed, the body unread). Requests without a
 * body, such as every read, never wait here: slow senders cannot keep the server from answering
 * them.
 */
final class BodySlots extends HandlerWrapper {
  private final Semaphore slots;
  private final byte[] busy;

  BodySlots(int slots) {
    this.slots = new Semaphore(slots);
    try {
      this.busy =
          JsonViews.MAPPER
              .writeValueAsString(Problem.busy(slots).json())
              .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void handle(
      String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (!hasBody(request)) {
      super.handle(target, base, request, response);
      return;
    }
    if (!slots.tryAcquire()) {
      base.setHandled(true);
      response.setStatus(503);
      response.setHeader("Retry-After", "5");
      response.setHeader("Connection", "close");
      response.setContentType(Problem.CONTENT_TYPE);
      response.setContentLength(busy.length);
      response.getOutputStream().write(busy);
      return;
    }
    try {
      super.handle(target, base, request, response);
    } finally {
      slots.release();
    }
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }
}
