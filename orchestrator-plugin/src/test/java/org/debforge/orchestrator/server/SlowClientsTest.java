package org.debforge.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: 250 clients on raw sockets that send their request a byte every two seconds (headers,
 * an import's body, a login form's body) must not keep a probe from being answered within a second,
 * and each of them must be cut off by a limit (header deadline, 408, 429, 503), with the server's
 * default {@link ClientLimits} and a minimum body rate of 1 KiB/s.
 */
class SlowClientsTest {
  private static final int CLIENTS = 250;
  private static final long LOAD_MILLIS = 18_000;
  private static final long TICK_MILLIS = 2_000;

  @TempDir Path tmp;
  Orchestrator o;
  OrchestratorServer server;
  String builder;
  final List<Trickler> clients = Collections.synchronizedList(new ArrayList<>());
  ScheduledExecutorService ticks;

  @BeforeEach
  void start() {
    o = Orchestrator.open(tmp.resolve("store"), null, null, null);
    builder = o.createToken("setup", "jenkins", Role.BUILDER).secret();
    server =
        OrchestratorServer.start(
            o,
            new OrchestratorServer.Options(
                "127.0.0.1",
                0,
                true,
                1 << 20,
                tmp.resolve("up"),
                1 << 20,
                // The defaults, with the minimum body rate on (off by default), so that a slow
                // body is cut off by it too.
                new ClientLimits(
                    ClientLimits.DEFAULT.idleTimeout(),
                    ClientLimits.DEFAULT.headerTimeout(),
                    1024,
                    ClientLimits.DEFAULT.bodySlots(),
                    ClientLimits.DEFAULT.uploadsPerToken())));
    ticks = Executors.newScheduledThreadPool(4);
  }

  @AfterEach
  void stop() throws InterruptedException {
    ticks.shutdownNow();
    ticks.awaitTermination(5, TimeUnit.SECONDS);
    clients.forEach(Trickler::close);
    server.close();
    o.close();
  }

  @Test
  @Timeout(90)
  void slowClientsDoNotStopOthers() throws Exception {
    String[] prefixes = {
      // headers that never end
      "GET /api/v1/tags HTTP/1.1\r\nHost: x\r\nX-Slow: ",
      // an import whose body trickles in
      "POST /api/v1/builds HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
          + builder
          + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n",
      // a login form whose body trickles in
      "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: 1000\r\n\r\n",
    };
    for (int i = 0; i < CLIENTS; i++) {
      Trickler t = new Trickler(server.port(), prefixes[i % prefixes.length]);
      clients.add(t);
      ticks.scheduleWithFixedDelay(t::tick, i * TICK_MILLIS / CLIENTS, TICK_MILLIS, MILLIS);
    }

    List<Long> latencies = new ArrayList<>();
    long end = System.currentTimeMillis() + LOAD_MILLIS;
    while (System.currentTimeMillis() < end) {
      long t0 = System.nanoTime();
      String answer = probe(server.port());
      latencies.add((System.nanoTime() - t0) / 1_000_000);
      assertThat(answer).startsWith("HTTP/1.1 200");
      Thread.sleep(100);
    }

    Collections.sort(latencies);
    long max = latencies.get(latencies.size() - 1);
    long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
    Map<String, Integer> statuses = new ConcurrentHashMap<>();
    int cutOff = 0;
    for (Trickler t : clients) {
      t.statuses.forEach(s -> statuses.merge(s, 1, Integer::sum));
      cutOff += t.cutOff.get();
    }
    System.out.printf(
        "slow clients: %d probes, latency p50 %d ms, p99 %d ms, max %d ms; answers to the slow"
            + " clients %s; connections cut off %d%n",
        latencies.size(), latencies.get(latencies.size() / 2), p99, max, statuses, cutOff);
    assertThat(max).as("slowest probe, ms").isLessThan(1000);
    // Each kind of slow client met its limit: bodies got 408 (too slow), 503 (no body slot) or
    // 429 (the token's uploads); headers were cut off without an answer.
    assertThat(statuses).containsKeys("408", "503");
    assertThat(statuses.keySet()).allMatch(s -> s.matches("40[0189]|413|429|503"));
    int headerCutOffs =
        clients.stream()
            .filter(t -> t.prefix.startsWith("GET"))
            .mapToInt(t -> t.cutOff.get())
            .sum();
    assertThat(headerCutOffs).as("slow-header connections closed").isGreaterThan(CLIENTS / 3 - 5);
  }

  private static final TimeUnit MILLIS = TimeUnit.MILLISECONDS;

  private static String probe(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              "GET /api/v1/tags HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** One slow client: sends its prefix, then a byte a tick; reconnects when cut off or answered. */
  static final class Trickler {
    final int port;
    final String prefix;
    final List<String> statuses = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger cutOff = new AtomicInteger();
    Socket socket;

    Trickler(int port, String prefix) {
      this.port = port;
      this.prefix = prefix;
    }

    synchronized void tick() {
      try {
        if (socket == null) {
          socket = new Socket("127.0.0.1", port);
          socket.getOutputStream().write(prefix.getBytes(StandardCharsets.US_ASCII));
          return;
        }
        OutputStream out = socket.getOutputStream();
        out.write('a');
        out.flush();
        socket.setSoTimeout(1);
        InputStream in = socket.getInputStream();
        byte[] b = new byte[4096];
        try {
          int n = in.read(b);
          if (n < 0) {
            cutOff.incrementAndGet();
          } else {
            String answer = new String(b, 0, n, StandardCharsets.ISO_8859_1);
            if (answer.startsWith("HTTP/1.1 ")) {
              statuses.add(answer.substring(9, 12));
            }
          }
          reconnectLater();
        } catch (java.net.SocketTimeoutException e) {
          // still open, nothing said
        }
      } catch (IOException e) {
        cutOff.incrementAndGet();
        reconnectLater();
      }
    }

    private void reconnectLater() {
      close();
      socket = null;
    }

    synchronized void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
  }
}
