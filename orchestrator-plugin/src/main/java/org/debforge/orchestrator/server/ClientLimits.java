package org.debforge.orchestrator.server;

import java.time.Duration;

/**
 * What keeps slow or odd clients from holding the server: every limit a client meets before its
 * request reaches a route. The defaults are for a hub on a LAN or behind a proxy; a client that
 * keeps within them is never refused.
 *
 * @param idleTimeout a connection with no byte in either direction for this long is closed
 * @param headerTimeout a request's headers must be complete this long after its first byte
 * @param minBodyBytesPerSecond a request body must arrive at least this fast (averaged since its
 *     first byte), else 408; 0, the default, checks nothing. Jetty measures from the body's first
 *     byte to each read, so a small body the server reads a little late (a loaded machine) fails it
 *     too: a 7-byte body read 10 ms after it arrived is below 1 KiB/s. Slow senders are held back
 *     by the body slots and the idle timeout instead.
 * @param bodySlots requests whose bodies are read at the same time (each holds a thread while it
 *     reads); more are answered 503 at once, so slow senders cannot take every thread
 * @param uploadsPerToken imports and upload chunks one token may send at the same time (429)
 */
public record ClientLimits(
    Duration idleTimeout,
    Duration headerTimeout,
    long minBodyBytesPerSecond,
    int bodySlots,
    int uploadsPerToken) {
  public static final ClientLimits DEFAULT =
      new ClientLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 0, 32, 4);

  public ClientLimits {
    if (idleTimeout.isNegative()
        || idleTimeout.isZero()
        || headerTimeout.isNegative()
        || headerTimeout.isZero()
        || minBodyBytesPerSecond < 0
        || bodySlots < 1
        || uploadsPerToken < 1) {
      throw new IllegalArgumentException("client limits must be positive");
    }
  }
}
