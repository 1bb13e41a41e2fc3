package org.debforge.core.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * A package name for one architecture, apt's {@code pkgCache::Package}: what relations point at,
 * holding the real versions of that name and the versions that provide it. Created at first
 * mention, as apt's cache generator does, so {@link #id} orders packages as apt's IDs do (apt
 * breaks ties between equally good providers by that order).
 */
final class ArchPackage {
  final int id;
  final String name;
  final String arch;

  /** Not the native architecture: printed with its architecture. */
  final boolean foreign;

  final List<PackageVersion> versions = new ArrayList<>(2);
  final List<Provide> providedBy = new ArrayList<>(0);
  PackageVersion installed;
  PackageVersion candidate;
  boolean essential;
  boolean important;

  /** dpkg's hold selection (EDSP's Hold: yes): apt never changes it on its own. */
  boolean held;

  ArchPackage(int id, String name, String arch, boolean foreign) {
    this.id = id;
    this.name = name;
    this.arch = arch;
    this.foreign = foreign;
  }

  /** {@code name} for the native architecture, else {@code name:arch}, as apt prints it. */
  String displayName() {
    return foreign ? name + ":" + arch : name;
  }

  /** A version providing this name, at {@code version} or unversioned (null). */
  record Provide(PackageVersion owner, String version, boolean implicit) {}

  @Override
  public String toString() {
    return name + ":" + arch;
  }
}
