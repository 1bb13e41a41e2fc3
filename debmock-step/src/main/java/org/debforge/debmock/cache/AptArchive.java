package org.debforge.debmock.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * A host directory of downloaded .debs shared by the builds of one suite and architecture, bound at
 * {@code /var/cache/apt/archives} in each root. apt's own lock lives in that directory, so it is
 * shared too, but apt gives up at once when it is taken; {@link #locked} makes concurrent deb-mocks
 * (and threads of one) take turns instead.
 */
public final class AptArchive {
  private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();
  private final Path dir;

  private AptArchive(Path dir) {
    this.dir = dir;
  }

  /** The archive in {@code dir}, made if missing (with apt's {@code partial} subdirectory). */
  public static AptArchive open(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("partial"));
    return new AptArchive(dir);
  }

  /** The default place: {@code CACHE/apt-archives/<suite>-<arch>}. */
  public static Path defaultDir(Path cacheDir, String suite, String architecture) {
    return cacheDir.resolve("apt-archives").resolve(suite + "-" + architecture);
  }

  public Path dir() {
    return dir;
  }

  /** Runs {@code aptRun} holding this archive's host lock; returns its exit code. */
  public int locked(IntSupplier aptRun) throws IOException {
    Object monitor = IN_PROCESS.computeIfAbsent(dir, d -> new Object());
    synchronized (monitor) {
      try (FileChannel ch =
              FileChannel.open(
                  dir.resolveSibling(dir.getFileName() + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        return aptRun.getAsInt();
      }
    }
  }
}
