package org.debforge.debmock.plugin.api;

import java.nio.file.Path;

/**
 * A host directory shared by concurrent builds, from {@link Buildroot#sharedCacheDir}. The lock is
 * a host file lock on {@code <dir>.lock} (beside the directory, so the directory can be bound into
 * a root whole), taken in turn by threads of one deb-mock too.
 */
public interface SharedCacheDir {
  /** Work done while holding the lock. */
  @FunctionalInterface
  interface Locked<T> {
    T run() throws Exception;
  }

  Path dir();

  /** Runs {@code work} holding the directory's lock, waiting for another holder to finish. */
  <T> T locked(Locked<T> work) throws Exception;
}
