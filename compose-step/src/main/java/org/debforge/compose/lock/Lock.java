package org.debforge.compose.lock;

import java.util.Comparator;
import java.util.List;

/**
 * A compose's lock: exactly which packages it holds and the sources they came from. Written as
 * {@code metadata/lock.json} (schema 1, see docs/compose.md); deb-orchestrator imports it as a
 * compose record.
 *
 * @param packages sorted by name, then architecture
 */
public record Lock(String composeId, List<LockedPackage> packages, List<LockSource> sources) {
  public static final int SCHEMA = 1;

  public static final Comparator<LockedPackage> ORDER =
      Comparator.comparing(LockedPackage::name)
          .thenComparing(LockedPackage::arch)
          .thenComparing(LockedPackage::version);

  public Lock {
    packages = packages.stream().sorted(ORDER).distinct().toList();
    sources = List.copyOf(sources);
  }

  /** The same lock under another compose id. */
  public Lock withComposeId(String id) {
    return new Lock(id, packages, sources);
  }

  /** Whether two locks pin the same packages from the same sources (the compose id aside). */
  public boolean sameContent(Lock other) {
    return packages.equals(other.packages) && sources.equals(other.sources);
  }
}
