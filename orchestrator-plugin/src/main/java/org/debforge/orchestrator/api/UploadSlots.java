package org.debforge.orchestrator.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.upload.TooManyUploads;

/**
 * How many uploads (imports, chunks, commits) each token sends at once: one token, leaked or run by
 * a broken pipeline, cannot take every slot the server has for request bodies. Checked before the
 * body is read, so a refused upload costs nothing.
 */
final class UploadSlots {
  /** A held slot, given back when closed. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  static final Duration WAIT = Duration.ofSeconds(10);

  private final int perToken;
  private final Map<String, Semaphore> inUse = new ConcurrentHashMap<>();

  UploadSlots(int perToken) {
    this.perToken = perToken;
  }

  Slot acquire(Caller caller) {
    Semaphore s = inUse.computeIfAbsent(caller.name(), k -> new Semaphore(perToken));
    try {
      if (!s.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TooManyUploads(caller.name(), perToken);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TooManyUploads(caller.name(), perToken);
    }
    return s::release;
  }
}
