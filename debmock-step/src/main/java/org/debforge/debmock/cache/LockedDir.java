package org.debforge.debmock.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.debforge.debmock.plugin.api.SharedCacheDir;

/**
 * A host directory shared by concurrent deb-mocks, locked with {@code <dir>.lock} beside it (so the
 * directory itself can be bound into a root whole). A file lock is per process, so threads of one
 * deb-mock also take turns on a monitor.
 */
public final class LockedDir implements SharedCacheDir {
  private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();
  private final Path dir;

  private LockedDir(Path dir) {
    this.dir = dir;
  }

  /** The directory {@code dir}, made if missing. */
  public static LockedDir open(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new LockedDir(dir);
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public <T> T locked(Locked<T> work) throws Exception {
    Object monitor = IN_PROCESS.computeIfAbsent(dir, d -> new Object());
    synchronized (monitor) {
      try (FileChannel ch =
              FileChannel.open(
                  dir.resolveSibling(dir.getFileName() + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        return work.run();
      }
    }
  }
}
