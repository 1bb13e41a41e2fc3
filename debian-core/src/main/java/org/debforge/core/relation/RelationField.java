package org.debforge.core.relation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed relationship field (Depends, Build-Depends, Conflicts, Provides ...): a comma-separated
 * list, every item of which must hold, each item a set of {@link Alternatives}.
 *
 * @param field the field name the text came from, which decides what syntax is allowed
 */
public record RelationField(String field, List<Alternatives> items) {
  public RelationField {
    Objects.requireNonNull(field, "field");
    items = List.copyOf(items);
  }

  /** How strictly to read a field. */
  public record Options(boolean allowSubstvars) {
    /** A generated control file (DEBIAN/control, Packages, .dsc): no substvars left. */
    public static final Options STRICT = new Options(false);

    /** debian/control, where dpkg-gencontrol has yet to expand {@code ${misc:Depends}}. */
    public static final Options SOURCE_CONTROL = new Options(true);
  }

  /**
   * Parses the value of {@code field}.
   *
   * @throws org.debforge.core.FormatException naming the field and the offending text
   */
  public static RelationField parse(String field, String text, Options options) {
    return new RelationParser(field, options).parse(text);
  }

  public static RelationField parse(String field, String text) {
    return parse(field, text, Options.STRICT);
  }

  /**
   * The relation as it applies when building on {@code hostArch} with {@code buildProfiles} active:
   * alternatives whose restrictions exclude them are dropped (and items left with none), and the
   * restrictions of those kept are removed, as Dpkg::Deps {@code reduce_arch} and {@code
   * reduce_profiles} do.
   *
   * @param hostArch the host architecture, or null to leave architecture restrictions alone
   * @param buildProfiles the active build profiles, or null to leave profile restrictions alone
   */
  public RelationField reduce(String hostArch, Set<String> buildProfiles) {
    List<Alternatives> kept = new ArrayList<>();
    for (Alternatives item : items) {
      List<Dependency> alternatives = new ArrayList<>();
      for (Dependency d : item.alternatives()) {
        if ((hostArch == null || d.concernsArch(hostArch))
            && (buildProfiles == null || d.concernsProfiles(buildProfiles))) {
          alternatives.add(d.withoutRestrictions(hostArch != null, buildProfiles != null));
        }
      }
      if (!alternatives.isEmpty()) {
        kept.add(new Alternatives(alternatives));
      }
    }
    return new RelationField(field, kept);
  }

  /** The canonical form: items joined by {@code ", "}, alternatives by {@code " | "}. */
  @Override
  public String toString() {
    return items.stream().map(Alternatives::toString).collect(Collectors.joining(", "));
  }
}
