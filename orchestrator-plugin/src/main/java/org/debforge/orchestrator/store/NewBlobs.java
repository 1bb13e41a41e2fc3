package org.debforge.orchestrator.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The blobs one write (an import) added to the pool, so that a write that fails after storing them
 * (in the database, say) takes them back at once instead of leaving them for the next {@code gc}.
 * Only blobs it created are taken back, never one that was there already, and not one that another
 * writer has since reused ({@link BlobStore#put} touches a blob it finds) or that a build refers
 * to: that blob is someone else's now.
 */
public final class NewBlobs {
  private final BlobStore store;
  private final Map<String, FileTime> created = new LinkedHashMap<>();

  NewBlobs(BlobStore store) {
    this.store = store;
  }

  synchronized void created(String sha256, FileTime modified) {
    created.put(sha256, modified);
  }

  public synchronized List<String> list() {
    return List.copyOf(created.keySet());
  }

  /**
   * Removes the blobs created here that nobody reused and {@code referenced} does not claim;
   * returns what was removed. Best effort: what stays is removed by gc.
   */
  public synchronized List<String> takeBack(Predicate<String> referenced) {
    List<String> removed = new ArrayList<>();
    for (Map.Entry<String, FileTime> e : created.entrySet()) {
      Path p = store.path(e.getKey());
      try {
        if (Files.isRegularFile(p)
            && Files.getLastModifiedTime(p).equals(e.getValue())
            && !referenced.test(e.getKey())) {
          Files.delete(p);
          removed.add(e.getKey());
        }
      } catch (IOException | RuntimeException ignored) {
        // gc collects it later
      }
    }
    created.clear();
    return removed;
  }
}
