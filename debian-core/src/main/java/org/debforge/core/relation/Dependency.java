package org.debforge.core.relation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.debforge.core.arch.ArchWildcard;

/**
 * One package reference of a relationship field: {@code name[:archqual] [(op version)] [arches]
 * <profiles>...}, or a substitution variable such as {@code ${misc:Depends}} kept verbatim (then
 * {@link #substvar()} is true and only {@code name} is set).
 *
 * @param archQualifier {@code any}, {@code native} or an architecture; null when absent
 * @param relation null when the reference has no version constraint
 * @param version the version text as written (it may hold a substvar), null without a relation
 * @param arches the architecture restriction, empty when none
 * @param profiles the build-profile formula: a disjunction of conjunctions, empty when none
 */
public record Dependency(
    String name,
    String archQualifier,
    VersionRelation relation,
    String version,
    List<Restriction> arches,
    List<List<Restriction>> profiles) {

  public Dependency {
    Objects.requireNonNull(name, "name");
    if ((relation == null) != (version == null)) {
      throw new IllegalArgumentException("relation and version go together");
    }
    arches = List.copyOf(arches);
    List<List<Restriction>> copy = new ArrayList<>();
    for (List<Restriction> conjunction : profiles) {
      copy.add(List.copyOf(conjunction));
    }
    profiles = List.copyOf(copy);
  }

  static Dependency substvar(String text) {
    return new Dependency(text, null, null, null, List.of(), List.of());
  }

  /** Whether this is a substitution variable left for dpkg-gencontrol to expand. */
  public boolean substvar() {
    return name.startsWith("${");
  }

  /**
   * Whether the architecture restriction admits {@code hostArch}, as Dpkg::Deps {@code
   * arch_is_concerned}: a positive list needs a match; a negated list admits all it does not name.
   */
  public boolean concernsArch(String hostArch) {
    if (arches.isEmpty()) {
      return true;
    }
    boolean seen = false;
    for (Restriction r : arches) {
      boolean match = ArchWildcard.matches(hostArch, r.name());
      if (r.negated()) {
        if (match) {
          return false;
        }
        seen = true;
      } else if (match) {
        return true;
      }
    }
    return seen;
  }

  /**
   * Whether the build-profile formula holds for the active {@code buildProfiles}, as
   * Dpkg::BuildProfiles {@code evaluate_restriction_formula}: some conjunction all of whose terms
   * hold.
   */
  public boolean concernsProfiles(Set<String> buildProfiles) {
    if (profiles.isEmpty()) {
      return true;
    }
    for (List<Restriction> conjunction : profiles) {
      boolean all = true;
      for (Restriction r : conjunction) {
        if (buildProfiles.contains(r.name()) == r.negated()) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** This reference without its restrictions, as left by Dpkg::Deps reduce_arch/profiles. */
  Dependency withoutRestrictions(boolean arch, boolean profile) {
    return new Dependency(
        name,
        archQualifier,
        relation,
        version,
        arch ? List.of() : arches,
        profile ? List.of() : profiles);
  }

  /** The canonical form, as Dpkg::Deps writes it. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    if (archQualifier != null) {
      sb.append(':').append(archQualifier);
    }
    if (relation != null) {
      sb.append(" (").append(relation.symbol()).append(' ').append(version).append(')');
    }
    if (!arches.isEmpty()) {
      sb.append(" [");
      for (int i = 0; i < arches.size(); i++) {
        sb.append(i == 0 ? "" : " ").append(arches.get(i));
      }
      sb.append(']');
    }
    for (int i = 0; i < profiles.size(); i++) {
      sb.append(i == 0 ? " <" : " <");
      List<Restriction> c = profiles.get(i);
      for (int j = 0; j < c.size(); j++) {
        sb.append(j == 0 ? "" : " ").append(c.get(j));
      }
      sb.append('>');
    }
    return sb.toString();
  }
}
