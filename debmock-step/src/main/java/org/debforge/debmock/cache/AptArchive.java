package org.debforge.debmock.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * A host directory of downloaded .debs shared by the builds of one suite and architecture, bound at
 * {@code /var/cache/apt/archives} in each root. apt's own lock lives in that directory, so it is
 * shared too, but apt gives up at once when it is taken; {@link #locked} makes concurrent deb-mocks
 * (and threads of one) take turns instead.
 */
public final class AptArchive {
  private final LockedDir dir;

  private AptArchive(LockedDir dir) {
    this.dir = dir;
  }

  /** The archive in {@code dir}, made if missing (with apt's {@code partial} subdirectory). */
  public static AptArchive open(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("partial"));
    return new AptArchive(LockedDir.open(dir));
  }

  /** The default place: {@code CACHE/apt-archives/<suite>-<arch>}. */
  public static Path defaultDir(Path cacheDir, String suite, String architecture) {
    return cacheDir.resolve("apt-archives").resolve(suite + "-" + architecture);
  }

  public Path dir() {
    return dir.dir();
  }

  /** Runs {@code aptRun} holding this archive's host lock; returns its exit code. */
  public int locked(IntSupplier aptRun) throws IOException {
    try {
      return dir.locked(aptRun::getAsInt);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
