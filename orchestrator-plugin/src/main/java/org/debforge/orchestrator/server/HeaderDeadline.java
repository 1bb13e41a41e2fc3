package org.debforge.orchestrator.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Closes a connection whose request headers have been arriving for longer than the header timeout
 * (Apache's mod_reqtimeout {@code header=}; Jetty 11 bounds only the gap between two bytes, so a
 * client sending a header byte every few seconds would otherwise keep its connection forever). An
 * idle keep-alive connection is left to the idle timeout: the clock starts with the first byte of a
 * request. Added to the connector as a bean, it hears of every connection and request.
 */
final class HeaderDeadline extends AbstractLifeCycle
    implements Connection.Listener, HttpChannel.Listener {
  private static final class Waiting {
    volatile boolean inRequest;
    volatile long bytesAtReady;
    volatile long firstByteNanos = -1;
  }

  private final long timeoutNanos;
  private final Map<Connection, Waiting> connections = new ConcurrentHashMap<>();
  private ScheduledExecutorService sweeper;

  HeaderDeadline(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  protected void doStart() {
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "debforge-header-deadline");
              t.setDaemon(true);
              return t;
            });
    sweeper.scheduleWithFixedDelay(this::sweep, 250, 250, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    sweeper.shutdownNow();
    connections.clear();
  }

  @Override
  public void onOpened(Connection connection) {
    connections.put(connection, new Waiting());
  }

  @Override
  public void onClosed(Connection connection) {
    connections.remove(connection);
  }

  @Override
  public void onRequestBegin(Request request) {
    Waiting w = connections.get(request.getHttpChannel().getConnection());
    if (w != null) {
      w.inRequest = true;
    }
  }

  @Override
  public void onComplete(Request request) {
    Connection c = request.getHttpChannel().getConnection();
    Waiting w = connections.get(c);
    if (w != null) {
      w.bytesAtReady = c.getBytesIn();
      w.firstByteNanos = -1;
      w.inRequest = false;
    }
  }

  /** Seen from the sweeper, with its granularity: good enough for a timeout of seconds. */
  private void sweep() {
    long now = System.nanoTime();
    connections.forEach(
        (c, w) -> {
          if (w.inRequest || c.getBytesIn() <= w.bytesAtReady) {
            return;
          }
          if (w.firstByteNanos < 0) {
            w.firstByteNanos = now;
          } else if (now - w.firstByteNanos > timeoutNanos) {
            c.getEndPoint().close();
          }
        });
  }
}
