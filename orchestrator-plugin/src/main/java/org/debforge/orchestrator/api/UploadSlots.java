package org.debforge.orchestrator.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

  private final int perToken;
  private final Map<String, AtomicInteger> inUse = new ConcurrentHashMap<>();

  UploadSlots(int perToken) {
    this.perToken = perToken;
  }

  Slot acquire(Caller caller) {
    AtomicInteger n = inUse.computeIfAbsent(caller.name(), k -> new AtomicInteger());
    if (n.incrementAndGet() > perToken) {
      n.decrementAndGet();
      throw new TooManyUploads(caller.name(), perToken);
    }
    return n::decrementAndGet;
  }
}
