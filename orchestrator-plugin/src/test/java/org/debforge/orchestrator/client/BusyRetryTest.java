package org.debforge.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a server that is busy for a while: a small JDK HTTP server stands in for
 * deb-orchestrator's busy answers (the unit under test is the client's retry), the pauses are
 * recorded instead of slept.
 */
class BusyRetryTest {
  record Answer(int status, String retryAfter, String body) {}

  HttpServer server;
  final Deque<Answer> script = new ConcurrentLinkedDeque<>();
  final AtomicInteger requests = new AtomicInteger();
  final List<Duration> slept = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          ex.getRequestBody().readAllBytes();
          Answer a = script.isEmpty() ? new Answer(200, null, "{\"ok\":true}") : script.poll();
          if (a.retryAfter() != null) {
            ex.getResponseHeaders().add("Retry-After", a.retryAfter());
          }
          byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(a.status(), b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  ApiConnection client() {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new ApiConnection(uri, "t", new BusyRetry(Duration.ofSeconds(120), slept::add));
  }

  static Answer busy(int status, String retryAfter) {
    return new Answer(
        status,
        retryAfter,
        "{\"type\":\"https://debforge.org/problems/busy\",\"detail\":\"busy now\"}");
  }

  @Test
  void waitsWhatRetryAfterSaysThenSucceeds() {
    script.add(busy(503, "2"));
    script.add(busy(429, "3"));
    assertThat(client().post("/tags", java.util.Map.of("name", "x")).path("ok").asBoolean())
        .isTrue();
    assertThat(requests).hasValue(3);
    assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @Test
  void withoutRetryAfterThePauseDoubles() {
    script.add(busy(429, null));
    script.add(busy(429, "not a number"));
    script.add(busy(503, null));
    assertThat(client().get("/builds").path("ok").asBoolean()).isTrue();
    assertThat(slept)
        .containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
  }

  @Test
  void aWaitBeyondThePatienceIsNotWaited() {
    script.add(busy(503, "3600"));
    assertThatThrownBy(() -> client().get("/builds"))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.IO))
        .hasMessageContaining("busy now");
    assertThat(slept).isEmpty();
    assertThat(requests).hasValue(1);
  }

  @Test
  void thePatienceBoundsTheTotalWait() {
    for (int i = 0; i < 10; i++) {
      script.add(busy(503, "50"));
    }
    assertThatThrownBy(() -> client().get("/builds")).isInstanceOf(DebforgeException.class);
    // 50 + 50 = 100 s waited; a third 50 would pass the 120 s patience.
    assertThat(slept).hasSize(2);
    assertThat(requests).hasValue(3);
  }

  @Test
  void otherErrorsAreNeverRetried() {
    script.add(new Answer(500, "1", "{\"detail\":\"boom\"}"));
    assertThatThrownBy(() -> client().get("/builds")).hasMessageContaining("boom");
    assertThat(requests).hasValue(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void retryAfterForms() {
    assertThat(BusyRetry.parse(" 7 ")).contains(Duration.ofSeconds(7));
    assertThat(BusyRetry.parse("-1")).isEmpty();
    assertThat(BusyRetry.parse("99999999999999999999")).isEmpty();
    assertThat(BusyRetry.parse("soon")).isEmpty();
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
    assertThat(BusyRetry.parse(past)).contains(Duration.ZERO);
    String future =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    Optional<Duration> d = BusyRetry.parse(future);
    assertThat(d).isPresent();
    assertThat(d.get()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
  }
}
