package org.debforge.core.resolve;

import java.util.List;
import org.debforge.core.control.Paragraph;

/**
 * One version of a binary package in the universe: from a Packages index (its source's rank), the
 * dpkg status (installed), or both when the same version is in each.
 */
public final class PackageVersion {
  final ArchPackage pkg;
  private final String version;
  final MultiArch multiArch;

  /** apt's Priority number: required 1 ... extra 5, 0 when the field is missing. */
  final int priority;

  /** Pre-Depends then Depends: or-groups, every one of which must hold. */
  List<List<Target>> depends = List.of();

  List<List<Target>> recommends = List.of();

  /** Conflicts then Breaks, each bound to every architecture's package of the name. */
  List<Target> negative = List.of();

  /** The rank of the first source listing this version; {@link Integer#MAX_VALUE} when none. */
  int source = Integer.MAX_VALUE;

  /** The stanza as read (the index's when the version is in one, else the status file's). */
  Paragraph paragraph;

  PackageVersion(ArchPackage pkg, String version, MultiArch multiArch, int priority) {
    this.pkg = pkg;
    this.version = version;
    this.multiArch = multiArch;
    this.priority = priority;
  }

  public String name() {
    return pkg.name;
  }

  public String version() {
    return version;
  }

  /** The architecture of the package this version belongs to ({@code all} counts as native). */
  public String arch() {
    return pkg.arch;
  }

  public MultiArch multiArch() {
    return multiArch;
  }

  /** The source rank (0 = first) this version comes from, or empty if only installed. */
  public java.util.OptionalInt sourceRank() {
    return source == Integer.MAX_VALUE
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(source);
  }

  public Paragraph paragraph() {
    return paragraph;
  }

  /** {@code name version arch}, apt's order for an Inst line. */
  @Override
  public String toString() {
    return pkg.name + " " + version + " " + pkg.arch;
  }
}
