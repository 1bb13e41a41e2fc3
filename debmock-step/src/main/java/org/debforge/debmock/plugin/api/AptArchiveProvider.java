package org.debforge.debmock.plugin.api;

import java.nio.file.Path;

/**
 * Shares apt's downloaded .debs between builds: the engine binds the directory this returns at the
 * root's {@code /var/cache/apt/archives} for the build-dependency install, holds its {@link
 * SharedCacheDir host lock} around every apt install that uses it (apt's own lock in the directory
 * fails at once instead of waiting), records it in result.json under the providing plugin's name,
 * and a {@code --hermetic-build} installs from it offline. Register with {@link
 * HookRegistrar#provideAptArchive}; without a provider apt downloads into the root.
 */
@FunctionalInterface
public interface AptArchiveProvider {
  /**
   * @param defaultDir deb-mock's own place for the suite and architecture ({@code
   *     CACHE/apt-archives/<suite>-<arch>}, what {@code --scrub=apt-cache} empties)
   * @return the host directory to share
   */
  Path archiveDir(Path defaultDir);
}
