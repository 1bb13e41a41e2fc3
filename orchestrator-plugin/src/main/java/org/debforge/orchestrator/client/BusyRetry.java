package org.debforge.orchestrator.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to send a request again that a busy server refused (429 Too Many Requests, 503 Service
 * Unavailable): after the seconds or the date its {@code Retry-After} says, else after a doubling
 * pause, as long as the total wait of one call stays within the patience. A server asking for more
 * than that gets its answer passed on, so a script is not held for an hour.
 */
record BusyRetry(Duration patience, Sleeper sleeper) {
  /** Waits; a test counts instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  static final Duration FIRST_PAUSE = Duration.ofMillis(500);

  static boolean isBusy(int status) {
    return status == 429 || status == 503;
  }

  static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  Attempts start() {
    return new Attempts();
  }

  /** One call's retries. */
  final class Attempts {
    private Duration waited = Duration.ZERO;
    private Duration pause = FIRST_PAUSE;

    /**
     * Waits before the next try and answers true, or answers false when the wait would go beyond
     * the patience (or the thread is interrupted).
     */
    boolean waitBeforeRetry(Optional<String> retryAfter) {
      Duration wait = retryAfter.flatMap(BusyRetry::parse).orElse(pause);
      pause = pause.multipliedBy(2);
      if (waited.plus(wait).compareTo(patience) > 0) {
        return false;
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      waited = waited.plus(wait);
      return true;
    }
  }

  /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 10.2.3); empty when neither. */
  static Optional<Duration> parse(String value) {
    String v = value.strip();
    if (v.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
