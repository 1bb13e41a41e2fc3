package org.debforge.core.resolve;

import org.debforge.core.relation.VersionRelation;
import org.debforge.core.version.DebianVersion;

/**
 * One package reference of a relationship field, bound to the {@link ArchPackage} it names as apt
 * binds it: an unqualified name means the depending package's own architecture ({@code all} meaning
 * the native one), {@code :any} a pseudo package that {@code Multi-Arch: allowed} versions provide.
 *
 * @param type the field the reference comes from
 * @param relation null when unversioned
 */
record Target(ArchPackage pkg, VersionRelation relation, String version, DepType type) {

  /** The kinds of relations the resolver acts on, in the order apt lists a version's relations. */
  enum DepType {
    PRE_DEPENDS("Pre-Depends"),
    DEPENDS("Depends"),
    CONFLICTS("Conflicts"),
    BREAKS("Breaks"),
    RECOMMENDS("Recommends"),
    /**
     * apt's implicit {@code Breaks: self:other-arch (!= version)} of a Multi-Arch: same version:
     * its other architectures must be at the same version.
     */
    SAME_VERSION("Breaks");

    final String field;

    DepType(String field) {
      this.field = field;
    }

    boolean negative() {
      return this == CONFLICTS || this == BREAKS || this == SAME_VERSION;
    }

    boolean critical() {
      return this == PRE_DEPENDS || this == DEPENDS;
    }
  }

  /** Whether a version {@code v} of the named package (or provided as {@code v}) matches. */
  boolean accepts(String v) {
    if (type == DepType.SAME_VERSION) {
      return v != null && DebianVersion.compare(v, version) != 0;
    }
    if (relation == null) {
      return true;
    }
    if (v == null) {
      return false; // an unversioned Provides satisfies no versioned relation
    }
    int c = DebianVersion.compare(v, version);
    return switch (relation) {
      case EARLIER -> c < 0;
      case EARLIER_OR_EQUAL -> c <= 0;
      case EXACTLY -> c == 0;
      case LATER_OR_EQUAL -> c >= 0;
      case LATER -> c > 0;
    };
  }

  @Override
  public String toString() {
    String n = pkg.displayName();
    if (type == DepType.SAME_VERSION) {
      return n + " (!= " + version + ")";
    }
    return relation == null ? n : n + " (" + relation.symbol() + " " + version + ")";
  }
}
