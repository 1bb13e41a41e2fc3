package org.debforge.core.arch;

import java.util.Optional;

/**
 * Architecture restrictions as Debian writes them: a real name ({@code amd64}), {@code all}, {@code
 * any}, or a wildcard with {@code any} parts ({@code linux-any}, {@code any-amd64}, {@code
 * musl-linux-any}, {@code any-any-linux-any}). Matching follows Dpkg::Arch {@code debarch_is}.
 */
public final class ArchWildcard {
  private ArchWildcard() {}

  /** Whether {@code arch} (a real architecture, or all) is covered by {@code wildcard}. */
  public static boolean matches(String arch, String wildcard) {
    return matches(ArchTable.dpkg(), arch, wildcard);
  }

  public static boolean matches(ArchTable table, String arch, String wildcard) {
    if (wildcard.equals(arch) || wildcard.equals("any")) {
      // "all" is matched by "all" alone, and "any" covers "all" too as in debarch_is.
      return true;
    }
    Optional<ArchTuple> real = table.tuple(arch);
    Optional<ArchTuple> alias = tuple(table, wildcard);
    return real.isPresent() && alias.isPresent() && alias.get().covers(real.get());
  }

  /** Whether {@code text} is a wildcard rather than one architecture (debarch_is_wildcard). */
  public static boolean isWildcard(String text) {
    if (text.equals("any")) {
      return true;
    }
    String[] parts = text.split("-", -1);
    boolean any = false;
    for (String p : parts) {
      any |= p.equals("any");
    }
    return any && tuple(ArchTable.dpkg(), text).isPresent();
  }

  /** Dpkg::Arch debwildcard_to_debtuple: missing leading parts of a wildcard are "any". */
  static Optional<ArchTuple> tuple(ArchTable table, String wildcard) {
    // Like Perl's split with a limit, Java's keeps trailing empty fields ("any-" never matches).
    String[] p = wildcard.split("-", 4);
    boolean any = false;
    for (String s : p) {
      any |= s.equals("any");
    }
    if (!any) {
      return table.tuple(wildcard);
    }
    return Optional.of(
        switch (p.length) {
          case 4 -> new ArchTuple(p[0], p[1], p[2], p[3]);
          case 3 -> new ArchTuple("any", p[0], p[1], p[2]);
          case 2 -> new ArchTuple("any", "any", p[0], p[1]);
          default -> new ArchTuple("any", "any", "any", "any");
        });
  }
}
