package org.debforge.debmock.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.debforge.debmock.chroot.Trees;
import org.debforge.debmock.plugin.api.ResolvedSet;

/**
 * Read-only deps layers of one config: {@code DIR/<key>/layer} is a build root's upper layer just
 * after its build dependencies were installed (without {@code /build}), stacked by later builds
 * with the same {@link ResolvedSet} as an extra overlay lower layer so they skip apt.
 *
 * <p>Concurrency: an entry is made in a private {@code .new-*} directory and renamed into place in
 * one step; when two builds race, the second rename fails and that build keeps using its private
 * copy, removed when its lease closes. Builds using an entry hold a shared lock on its {@code lock}
 * file (one per JVM, counted here, since Java refuses overlapping locks within a process); eviction
 * takes the lock exclusively and skips an entry it cannot get, so a layer in use is never removed.
 * Eviction is LRU by the mtime of {@code last-used}, until the total is under max size.
 */
public final class DepsLayerCache {
  private static final String COMPLETE = "complete";
  private static final String SIZE = "size";
  private static final String LAST_USED = "last-used";
  private static final Map<Path, Holder> LEASES = new HashMap<>();
  private static final AtomicLong SEQ = new AtomicLong();

  private final Path dir;
  private final long maxSize;

  /**
   * @param dir this config's deps cache, e.g. /var/cache/deb-mock/deps-cache/bookworm-amd64
   * @param maxSize bytes the layers may take together; older ones are evicted beyond it
   */
  public DepsLayerCache(Path dir, long maxSize) {
    this.dir = dir;
    this.maxSize = maxSize;
  }

  public Path dir() {
    return dir;
  }

  /** A layer stacked by one build; closing it lets eviction (or cleanup) remove the layer. */
  public final class Lease implements AutoCloseable {
    private final Path entry;
    private final boolean privateCopy;
    private boolean closed;

    private Lease(Path entry, boolean privateCopy) {
      this.entry = entry;
      this.privateCopy = privateCopy;
    }

    /** The directory to stack as an overlay lower layer. */
    public Path layer() {
      return entry.resolve("layer");
    }

    /** True when another build published the same key first and this build kept its own copy. */
    public boolean privateCopy() {
      return privateCopy;
    }

    @Override
    public void close() {
      synchronized (LEASES) {
        if (closed) {
          return;
        }
        closed = true;
      }
      if (privateCopy) {
        delete(entry);
      } else {
        release(entry);
      }
    }
  }

  private static final class Holder {
    int count;
    FileChannel channel;
    FileLock lock;
  }

  /** The complete entry for {@code key}, leased and marked used, or empty on a miss. */
  public Optional<Lease> acquire(String key) throws IOException {
    Path entry = dir.resolve(key);
    if (!Files.exists(entry.resolve(COMPLETE))) {
      return Optional.empty();
    }
    if (!lockShared(entry)) {
      return Optional.empty();
    }
    // Checked again under the lock: an eviction may have removed it in between.
    if (!Files.exists(entry.resolve(COMPLETE))) {
      release(entry);
      return Optional.empty();
    }
    touch(entry);
    return Optional.of(new Lease(entry, false));
  }

  /**
   * A fresh private directory to build an entry in; its {@code layer} subdirectory is the layer.
   */
  public Path newEntry() throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(".new-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet());
    Trees.deleteRecursively(tmp);
    Files.createDirectories(tmp);
    return tmp;
  }

  /**
   * Publishes {@code tmp} (from {@link #newEntry}, its layer filled) as {@code key}, then evicts
   * old entries beyond the size bound. Returns the lease the build uses from now on.
   */
  public Lease publish(String key, Path tmp, ResolvedSet set) throws IOException {
    Files.writeString(tmp.resolve("packages.txt"), set.listing());
    Files.writeString(tmp.resolve(SIZE), Long.toString(sizeOf(tmp.resolve("layer"))) + "\n");
    Files.writeString(tmp.resolve(COMPLETE), "");
    touch(tmp);
    Path entry = dir.resolve(key);
    Lease lease;
    try {
      Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
      lockShared(entry);
      lease = new Lease(entry, false);
    } catch (IOException e) {
      // rename(2) onto a non-empty directory fails (ENOTEMPTY): another build published first.
      if (!Files.exists(entry.resolve(COMPLETE))) {
        throw e;
      }
      lease = new Lease(tmp, true);
    }
    evict(key);
    return lease;
  }

  /** Removes least recently used entries (never {@code keep}, never one in use) beyond max size. */
  public List<Path> evict(String keep) throws IOException {
    List<Path> entries = entries();
    long total = 0;
    for (Path e : entries) {
      total += recordedSize(e);
    }
    entries.sort(Comparator.comparing(DepsLayerCache::lastUsed));
    List<Path> removed = new ArrayList<>();
    for (Path e : entries) {
      if (total <= maxSize) {
        break;
      }
      if (e.getFileName().toString().equals(keep)) {
        continue;
      }
      long size = recordedSize(e);
      if (evictOne(e)) {
        total -= size;
        removed.add(e);
      }
    }
    return removed;
  }

  /** Every complete entry, in no particular order. */
  public List<Path> entries() throws IOException {
    if (!Files.isDirectory(dir)) {
      return new ArrayList<>();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(
          s.filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(p -> Files.exists(p.resolve(COMPLETE)))
              .toList());
    }
  }

  /** Total bytes of the complete entries, as recorded when they were made. */
  public long totalSize() throws IOException {
    long t = 0;
    for (Path e : entries()) {
      t += recordedSize(e);
    }
    return t;
  }

  private boolean evictOne(Path entry) throws IOException {
    synchronized (LEASES) {
      if (LEASES.containsKey(entry)) {
        return false;
      }
      try (FileChannel ch =
          FileChannel.open(
              entry.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = ch.tryLock();
        if (lock == null) {
          return false;
        }
        try {
          // Out of the way first, so nobody finds it complete while it is half deleted.
          Path doomed = dir.resolve(".evict-" + entry.getFileName() + "-" + SEQ.incrementAndGet());
          Files.move(entry, doomed, StandardCopyOption.ATOMIC_MOVE);
          Trees.deleteRecursively(doomed);
          return true;
        } finally {
          lock.release();
        }
      } catch (OverlappingFileLockException e) {
        return false;
      }
    }
  }

  private static boolean lockShared(Path entry) throws IOException {
    synchronized (LEASES) {
      Holder h = LEASES.get(entry);
      if (h == null) {
        h = new Holder();
        try {
          h.channel =
              FileChannel.open(
                  entry.resolve("lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE);
        } catch (java.nio.file.NoSuchFileException gone) {
          return false;
        }
        h.lock = h.channel.lock(0, Long.MAX_VALUE, true);
        LEASES.put(entry, h);
      }
      h.count++;
      return true;
    }
  }

  private static void release(Path entry) {
    synchronized (LEASES) {
      Holder h = LEASES.get(entry);
      if (h == null || --h.count > 0) {
        return;
      }
      LEASES.remove(entry);
      try {
        h.lock.release();
        h.channel.close();
      } catch (IOException e) {
        // closing the channel drops the lock anyway
      }
    }
  }

  private static void delete(Path p) {
    try {
      Trees.deleteRecursively(p);
    } catch (IOException e) {
      // a leftover private copy is removed by --scrub=deps-cache
    }
  }

  private static void touch(Path entry) throws IOException {
    Path f = entry.resolve(LAST_USED);
    if (!Files.exists(f)) {
      Files.writeString(f, "");
    }
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
  }

  private static FileTime lastUsed(Path entry) {
    try {
      return Files.getLastModifiedTime(entry.resolve(LAST_USED));
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static long recordedSize(Path entry) {
    try {
      return Long.parseLong(Files.readString(entry.resolve(SIZE)).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** Bytes of regular files under {@code dir}, without following links. */
  static long sizeOf(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    AtomicLong total = new AtomicLong();
    Files.walkFileTree(
        dir,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            total.addAndGet(a.size());
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
    return total.get();
  }

  /** Parses a size like {@code 512M}, {@code 10G} or a plain byte count. */
  public static long parseSize(String text) {
    String t = text.strip().toUpperCase(java.util.Locale.ROOT);
    long unit = 1;
    if (!t.isEmpty() && "KMGT".indexOf(t.charAt(t.length() - 1)) >= 0) {
      unit = 1L << (10 * ("KMGT".indexOf(t.charAt(t.length() - 1)) + 1));
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a size (e.g. 512M, 10G): " + text);
    }
  }
}
