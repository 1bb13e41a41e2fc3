package org.debforge.orchestrator.server;

import io.javalin.config.JettyConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty set up so that slow or stalled clients cannot stop the server ({@link ClientLimits}): an
 * idle timeout on the connector, a deadline for request headers ({@link HeaderDeadline}), a minimum
 * data rate for request bodies (Jetty's own check, 408 when a body falls behind it) and a bulkhead
 * for requests with a body ({@link BodySlots}). Reads never wait behind uploads.
 */
final class SlowClients {
  private SlowClients() {}

  static void configure(JettyConfig jetty, String host, int port, ClientLimits limits) {
    jetty.modifyHttpConfiguration(
        http -> {
          http.setMinRequestDataRate(limits.minBodyBytesPerSecond());
          http.setIdleTimeout(limits.idleTimeout().toMillis());
        });
    jetty.addConnector(
        (server, http) -> {
          ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
          c.setHost(host);
          c.setPort(port);
          c.setIdleTimeout(limits.idleTimeout().toMillis());
          c.addBean(new HeaderDeadline(limits.headerTimeout()));
          return c;
        });
    jetty.modifyServer(server -> server.insertHandler(new BodySlots(limits.bodySlots())));
  }
}
