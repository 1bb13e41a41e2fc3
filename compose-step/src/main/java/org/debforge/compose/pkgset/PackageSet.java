package org.debforge.compose.pkgset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;
import org.debforge.core.repo.IndexReader;
import org.debforge.core.resolve.PackageUniverse;
import org.debforge.core.resolve.PackageVersion;

/** The verified indexes of a compose's sources, in pin order, and the universe they make. */
public final class PackageSet {
  private final List<PackageSource> sources;
  private final List<SourceIndex> indexes;

  public PackageSet(List<PackageSource> sources, List<SourceIndex> indexes) {
    this.sources = List.copyOf(sources);
    this.indexes = List.copyOf(indexes);
  }

  public List<PackageSource> sources() {
    return sources;
  }

  public List<SourceIndex> indexes() {
    return indexes;
  }

  /**
   * The universe apt would see for {@code arch} with an empty dpkg status: every source's indexes
   * of that architecture, in pin order, without the {@code excluded} names (so a request that needs
   * one is unsatisfiable and explained like any missing package).
   */
  public Universe universe(String arch, Set<String> excluded) {
    PackageUniverse.Builder b = PackageUniverse.builder(arch);
    List<SourceIndex> ranks = new ArrayList<>();
    for (SourceIndex i : indexes) {
      if (!i.arch().equals(arch)) {
        continue;
      }
      ranks.add(i);
      if (excluded.isEmpty()) {
        b.source(i.file());
      } else {
        StringBuilder kept = new StringBuilder();
        Deb822.forEach(
            IndexReader.bytes(i.file()),
            i.file().toString(),
            Deb822.Options.STRICT,
            p -> {
              if (!excluded.contains(p.value("Package"))) {
                Deb822.write(p, kept);
                kept.append('\n');
              }
            });
        b.source(i.file().toString(), kept.toString());
      }
    }
    return new Universe(b.build(), ranks);
  }

  /** A built universe and, by source rank, the index each rank was read from. */
  public record Universe(PackageUniverse universe, List<SourceIndex> ranks) {
    /** The index a resolved version was taken from. */
    public SourceIndex indexOf(PackageVersion v) {
      return ranks.get(v.sourceRank().orElseThrow());
    }

    /** The stanza of a resolved version, as its source index lists it. */
    public Paragraph stanza(PackageVersion v) {
      return v.paragraph();
    }
  }
}
