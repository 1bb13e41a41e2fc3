package org.debforge.core.resolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.debforge.core.FormatException;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;
import org.debforge.core.repo.IndexReader;
import org.debforge.core.version.DebianVersion;

/**
 * The package universe apt would see: the versions of one or more Packages indexes (sources in pin
 * order: an earlier source wins over a later one, then the highest version wins, as apt with
 * decreasing pins would choose), and the installed state of a dpkg status file, for a native
 * architecture and any foreign ones. Indexed by name, architecture and provided name.
 *
 * <p>Build one with {@link #builder}; it is immutable once built and a {@link Resolver} keeps its
 * marks outside it, so many resolutions can run over one loaded universe.
 */
public final class PackageUniverse {
  private final String nativeArch;
  private final List<String> architectures;
  private final List<ArchPackage> packages;
  private final Map<String, ArchPackage> byKey;
  private final Map<String, List<ArchPackage>> byName;
  // Starting marks of every resolution, copied rather than rebuilt per request.
  final PackageVersion[] installedById;
  final PackageVersion[] candidateById;
  private final List<PackageVersion> installedList;

  private PackageUniverse(Loader loader) {
    this.nativeArch = loader.nativeArch;
    this.architectures = List.copyOf(loader.architectures);
    this.packages = Collections.unmodifiableList(loader.packages);
    this.byKey = loader.byKey;
    this.byName = loader.byName;
    int n = packages.size();
    installedById = new PackageVersion[n];
    candidateById = new PackageVersion[n];
    List<PackageVersion> inst = new ArrayList<>();
    for (ArchPackage p : packages) {
      installedById[p.id] = p.installed;
      candidateById[p.id] = p.candidate;
      if (p.installed != null) {
        inst.add(p.installed);
      }
    }
    installedList = List.copyOf(inst);
  }

  static PackageUniverse of(Loader loader) {
    return new PackageUniverse(loader);
  }

  public static Builder builder(String nativeArch) {
    return new Builder(nativeArch);
  }

  /** Adds sources and an installed state, then {@link #build()}s the universe. */
  public static final class Builder {
    private final String nativeArch;
    private final List<String> foreign = new ArrayList<>();
    private final List<Object[]> sources = new ArrayList<>();
    private Object[] status;

    private Builder(String nativeArch) {
      this.nativeArch = Objects.requireNonNull(nativeArch, "nativeArch");
    }

    public Builder foreignArchitectures(List<String> archs) {
      foreign.addAll(archs);
      return this;
    }

    /** The next source, ranked after those added before it: a Packages file (plain, .gz, .xz). */
    public Builder source(Path packagesFile) {
      sources.add(new Object[] {packagesFile.toString(), IndexReader.bytes(packagesFile)});
      return this;
    }

    /** The next source, from the uncompressed text of a Packages index. */
    public Builder source(String name, String packagesText) {
      sources.add(new Object[] {name, packagesText});
      return this;
    }

    /** The dpkg status file: what is installed (as apt reads /var/lib/dpkg/status). */
    public Builder status(Path statusFile) {
      status = new Object[] {statusFile.toString(), IndexReader.bytes(statusFile)};
      return this;
    }

    public Builder status(String name, String statusText) {
      status = new Object[] {name, statusText};
      return this;
    }

    public PackageUniverse build() {
      Loader loader = new Loader(nativeArch, foreign);
      for (int rank = 0; rank < sources.size(); rank++) {
        int r = rank;
        each(sources.get(rank), p -> loader.add(p, r, false));
      }
      if (status != null) {
        each(
            status,
            p -> {
              if (Loader.isInstalled(p)) {
                loader.add(p, Integer.MAX_VALUE, true);
              }
            });
      }
      loader.finish();
      return new PackageUniverse(loader);
    }

    private static void each(Object[] input, java.util.function.Consumer<Paragraph> sink) {
      String name = (String) input[0];
      if (input[1] instanceof byte[] bytes) {
        Deb822.forEach(bytes, name, Deb822.Options.STRICT, sink);
      } else {
        Deb822.forEach((String) input[1], name, Deb822.Options.STRICT, sink);
      }
    }
  }

  public String nativeArch() {
    return nativeArch;
  }

  /** The native architecture first, then the foreign ones. */
  public List<String> architectures() {
    return architectures;
  }

  /** How many (name, architecture) packages the universe holds, virtual ones included. */
  public int packageCount() {
    return packages.size();
  }

  /** The candidate version of {@code name} for {@code arch} (apt's policy), if any. */
  public Optional<PackageVersion> candidate(String name, String arch) {
    ArchPackage p = pkg(name, arch);
    return Optional.ofNullable(p == null ? null : p.candidate);
  }

  /** The installed version of {@code name} for {@code arch}, if any. */
  public Optional<PackageVersion> installed(String name, String arch) {
    ArchPackage p = pkg(name, arch);
    return Optional.ofNullable(p == null ? null : p.installed);
  }

  /** Every installed version, in package order. */
  public List<PackageVersion> installed() {
    return installedList;
  }

  /** All versions of a name for an architecture, highest first. */
  public List<PackageVersion> versions(String name, String arch) {
    ArchPackage p = pkg(name, arch);
    return p == null ? List.of() : List.copyOf(p.versions);
  }

  /** The names of real (not only virtual) packages, in first-mention order. */
  public List<String> realNames() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (ArchPackage p : packages) {
      if (!p.versions.isEmpty()) {
        names.add(p.name);
      }
    }
    return List.copyOf(names);
  }

  ArchPackage pkg(String name, String arch) {
    return byKey.get(name + ':' + arch);
  }

  /** Every architecture's package of a name (apt's group). */
  List<ArchPackage> group(String name) {
    return byName.getOrDefault(name, List.of());
  }

  List<ArchPackage> packages() {
    return packages;
  }

  /** Reads stanzas into packages and versions, assigning package ids at first mention. */
  static final class Loader extends StanzaBinder {
    Loader(String nativeArch, List<String> foreign) {
      super(nativeArch, foreign);
    }

    static boolean isInstalled(Paragraph p) {
      String status = p.value("Status");
      if (status == null) {
        throw p.error(
            "Status",
            "missing in a dpkg status stanza",
            "dpkg status stanzas have Status: want ok state");
      }
      String[] w = status.strip().split("\\s+");
      if (w.length != 3) {
        throw p.error(
            "Status", "'" + status + "' is not 'want flag state'", "e.g. 'install ok installed'");
      }
      return switch (w[2]) {
        case "installed",
            "half-configured",
            "unpacked",
            "half-installed",
            "triggers-awaited",
            "triggers-pending" ->
            true;
        default -> false;
      };
    }

    /** Candidates as given (EDSP's APT-Candidate), apt having applied its policy already. */
    void finishWithCandidates(java.util.function.Predicate<PackageVersion> isCandidate) {
      for (ArchPackage p : packages) {
        if (p.versions.size() > 1) {
          p.versions.sort((a, b) -> DebianVersion.compare(b.version(), a.version()));
        }
        for (PackageVersion v : p.versions) {
          if (isCandidate.test(v)) {
            p.candidate = v;
            break;
          }
        }
      }
    }

    void finish() {
      for (ArchPackage p : packages) {
        if (p.versions.size() > 1) {
          p.versions.sort((a, b) -> DebianVersion.compare(b.version(), a.version()));
        }
        PackageVersion best = null;
        for (PackageVersion v : p.versions) {
          if (best == null || v.source < best.source) {
            best = v;
          }
          if (v == p.installed) {
            break; // apt never downgrades below the installed version without a pin >= 1000
          }
        }
        p.candidate = best;
      }
    }
  }

  static FormatException badStanza(Paragraph p, String field, String detail, String hint) {
    return p.error(field, detail, hint);
  }
}
