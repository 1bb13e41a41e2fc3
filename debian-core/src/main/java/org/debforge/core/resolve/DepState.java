package org.debforge.core.resolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The marks of one resolution over a {@link PackageUniverse}, apt's {@code pkgDepCache} state: per
 * package a mode (keep, install, delete), the version it will have, its candidate (which a failed
 * install discards), and whether it is protected (decided by the user or by propagation, and not to
 * be changed by the solver). Also answers apt's dependency-state questions: is a relation met by
 * what will be installed, which candidates could meet it, in apt's preference order.
 */
class DepState {
  static final byte KEEP = 0;
  static final byte INSTALL = 1;
  static final byte DELETE = 2;

  final PackageUniverse universe;
  final byte[] mode;
  final PackageVersion[] installVer;
  final PackageVersion[] candidate;
  final boolean[] protect;
  final boolean[] manual;
  final boolean recommends;

  /** Packages whose marks changed, so a broken-check need not scan the universe. */
  final List<ArchPackage> touched = new ArrayList<>();

  private final boolean[] seen;

  DepState(PackageUniverse universe, boolean recommends) {
    this.universe = universe;
    this.recommends = recommends;
    List<ArchPackage> all = universe.packages();
    int n = all.size();
    mode = new byte[n];
    installVer = universe.installedById.clone();
    candidate = universe.candidateById.clone();
    protect = new boolean[n];
    manual = new boolean[n];
    seen = new boolean[n];
  }

  void touch(ArchPackage p) {
    if (!seen[p.id]) {
      seen[p.id] = true;
      touched.add(p);
    }
  }

  // ---- relation state (apt's DepInstall / DepCVer bits) ----

  /** Whether what will be installed meets {@code t} (for a negative relation: nothing it hits). */
  boolean met(Target t, PackageVersion from) {
    if (t.type().negative()) {
      return hits(t, from, installVer).isEmpty();
    }
    PackageVersion v = installVer[t.pkg().id];
    if (v != null && t.accepts(v.version())) {
      return true;
    }
    for (ArchPackage.Provide prv : t.pkg().providedBy) {
      if (installVer[prv.owner().pkg.id] == prv.owner() && t.accepts(prv.version())) {
        return true;
      }
    }
    return false;
  }

  boolean met(List<Target> group, PackageVersion from) {
    for (Target t : group) {
      if (met(t, from)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some candidate version could meet a positive relation (apt's DepCVer). */
  boolean satisfiableByCandidate(Target t) {
    PackageVersion v = candidate[t.pkg().id];
    if (v != null && t.accepts(v.version())) {
      return true;
    }
    for (ArchPackage.Provide prv : t.pkg().providedBy) {
      if (candidate[prv.owner().pkg.id] == prv.owner() && t.accepts(prv.version())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The versions in {@code state} (candidates, or what will be installed, or installed) that a
   * relation hits: for a negative one those it conflicts with, leaving out the depending package's
   * own name as apt does.
   */
  List<PackageVersion> hits(Target t, PackageVersion from, PackageVersion[] state) {
    List<PackageVersion> out = new ArrayList<>(2);
    ArchPackage tp = t.pkg();
    boolean negative = t.type().negative();
    if (!(negative && ignorable(t, from))) {
      PackageVersion v = state[tp.id];
      if (v != null && t.accepts(v.version())) {
        out.add(v);
      }
    }
    for (ArchPackage.Provide prv : tp.providedBy) {
      PackageVersion owner = prv.owner();
      if (negative) {
        if (owner.pkg.name.equals(from.pkg.name)) {
          continue; // never against the own group: "Conflicts: x, Provides: x" is the idiom
        }
        if (!tp.arch.equals(from.pkg.arch)) {
          continue; // apt's implicit other-architecture conflicts hit real packages only
        }
      }
      if (state[owner.pkg.id] == owner && t.accepts(prv.version()) && !out.contains(owner)) {
        out.add(owner);
      }
    }
    return out;
  }

  List<PackageVersion> installedHits(Target t, PackageVersion from) {
    List<PackageVersion> out = new ArrayList<>(2);
    ArchPackage tp = t.pkg();
    boolean negative = t.type().negative();
    if (!(negative && ignorable(t, from))
        && tp.installed != null
        && t.accepts(tp.installed.version())) {
      out.add(tp.installed);
    }
    for (ArchPackage.Provide prv : tp.providedBy) {
      PackageVersion owner = prv.owner();
      if (negative && (owner.pkg.name.equals(from.pkg.name) || !tp.arch.equals(from.pkg.arch))) {
        continue;
      }
      if (owner.pkg.installed == owner && t.accepts(prv.version()) && !out.contains(owner)) {
        out.add(owner);
      }
    }
    return out;
  }

  /** apt's DepIterator::IsIgnorable for a negative relation's own target package. */
  private static boolean ignorable(Target t, PackageVersion from) {
    ArchPackage target = t.pkg();
    if (!target.name.equals(from.pkg.name)) {
      return false;
    }
    if (t.type() == Target.DepType.SAME_VERSION) {
      return false; // the implicit version-sync Breaks is exactly about the own group
    }
    return target == from.pkg || from.multiArch == MultiArch.SAME;
  }

  /** Whether the version {@code p} will have breaks a critical relation (apt's InstBroken). */
  boolean instBroken(ArchPackage p) {
    PackageVersion v = installVer[p.id];
    if (v == null) {
      return false;
    }
    for (List<Target> g : v.depends) {
      if (!met(g, v)) {
        return true;
      }
    }
    for (Target t : v.negative) {
      if (!met(t, v)) {
        return true;
      }
    }
    return false;
  }

  /** InstBroken, or a Recommends unmet when recommends are installed (apt's InstPolicyBroken). */
  boolean instPolicyBroken(ArchPackage p) {
    PackageVersion v = installVer[p.id];
    if (v == null || !recommends) {
      return false;
    }
    for (List<Target> g : v.recommends) {
      if (!met(g, v)) {
        return true;
      }
    }
    return false;
  }

  // ---- solutions, in apt's order (depcache.cc getAllPossibleSolutions, CompareProviders) ----

  /**
   * The candidates that could meet an or-group, best first: per alternative sorted as apt's
   * CompareProviders, then those of installed packages before new ones across all alternatives.
   */
  List<PackageVersion> solutions(List<Target> group, PackageVersion from) {
    List<PackageVersion> upgrade = new ArrayList<>();
    List<PackageVersion> fresh = new ArrayList<>();
    for (Target t : group) {
      List<PackageVersion> vs = hits(t, from, candidate);
      if (vs.size() > 1) {
        vs.sort(providerOrder(t.pkg()));
      }
      for (PackageVersion v : vs) {
        (v.pkg.installed != null ? upgrade : fresh).add(v);
      }
    }
    upgrade.addAll(fresh);
    if (!group.get(0).type().negative()) {
      upgrade.removeIf(
          v -> {
            int id = v.pkg.id;
            return protect[id]
                && (mode[id] == DELETE || (mode[id] == KEEP && v.pkg.installed == null));
          });
    }
    return upgrade;
  }

  /** Candidates and installed versions meeting the group, distinct (apt's CANDANDINST). */
  List<PackageVersion> candidatesAndInstalled(List<Target> group, PackageVersion from) {
    List<PackageVersion> out = new ArrayList<>();
    for (Target t : group) {
      for (PackageVersion v : hits(t, from, candidate)) {
        if (!out.contains(v)) {
          out.add(v);
        }
      }
      for (PackageVersion v : installedHits(t, from)) {
        if (!out.contains(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  Comparator<PackageVersion> providerOrder(ArchPackage target) {
    return (av, bv) -> {
      ArchPackage a = av.pkg;
      ArchPackage b = bv.pkg;
      if (protect[a.id] != protect[b.id]) {
        return protect[a.id] ? -1 : 1;
      }
      if (av.multiArch == MultiArch.SAME || bv.multiArch == MultiArch.SAME) {
        boolean ia = av.multiArch == MultiArch.SAME && groupInstalled(a);
        boolean ib = bv.multiArch == MultiArch.SAME && groupInstalled(b);
        if (ia != ib) {
          return ia ? -1 : 1;
        }
      }
      if ((a.installed == null) != (b.installed == null)) {
        return a.installed != null ? -1 : 1;
      }
      if (!a.name.equals(b.name)) {
        if (a.name.equals(target.name)) {
          return -1;
        }
        if (b.name.equals(target.name)) {
          return 1;
        }
      }
      if (a.essential != b.essential) {
        return a.essential ? -1 : 1;
      }
      if (a.important != b.important) {
        return a.important ? -1 : 1;
      }
      if (!a.arch.equals(b.arch)) {
        List<String> archs = universe.architectures();
        return Integer.compare(archRank(archs, a.arch), archRank(archs, b.arch));
      }
      if (av.priority != bv.priority) {
        return Integer.compare(av.priority, bv.priority);
      }
      return Integer.compare(b.id, a.id); // apt: "unable to decide", the later package first
    };
  }

  private static int archRank(List<String> archs, String arch) {
    int i = archs.indexOf(arch);
    return i < 0 ? archs.size() : i;
  }

  private boolean groupInstalled(ArchPackage p) {
    for (ArchPackage q : universe.group(p.name)) {
      if (q.installed != null) {
        return true;
      }
    }
    return false;
  }
}
