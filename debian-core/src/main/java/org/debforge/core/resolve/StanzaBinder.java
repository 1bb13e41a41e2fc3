package org.debforge.core.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.debforge.core.FormatException;
import org.debforge.core.control.Paragraph;
import org.debforge.core.relation.Alternatives;
import org.debforge.core.relation.Dependency;
import org.debforge.core.relation.RelationField;

/**
 * Turns index stanzas into versions with their relations bound to packages, the way apt's cache
 * generator does (apt-pkg/deb/deblistparser.cc): packages are created at first mention, in the
 * order apt mentions them (the package, then Pre-Depends, Depends, Conflicts, Breaks, Recommends,
 * Suggests, Replaces, Enhances, then Provides), so that ids order like apt's.
 */
class StanzaBinder {
  private static final Map<String, Integer> PRIORITIES =
      Map.of("required", 1, "important", 2, "standard", 3, "optional", 4, "extra", 5);

  final String nativeArch;
  final LinkedHashSet<String> architectures = new LinkedHashSet<>();
  final List<ArchPackage> packages = new ArrayList<>(130_000);
  final Map<String, ArchPackage> byKey = new HashMap<>(256_000);
  final Map<String, List<ArchPackage>> byName = new HashMap<>(200_000);

  StanzaBinder(String nativeArch, List<String> foreign) {
    this.nativeArch = nativeArch;
    architectures.add(nativeArch);
    architectures.addAll(foreign);
  }

  ArchPackage mention(String name, String arch) {
    String key = name + ':' + arch;
    ArchPackage p = byKey.get(key);
    if (p == null) {
      p = new ArchPackage(packages.size(), name, arch, !arch.equals(nativeArch));
      packages.add(p);
      byKey.put(key, p);
      byName.computeIfAbsent(name, n -> new ArrayList<>(1)).add(p);
    }
    return p;
  }

  /** Adds the version a stanza describes; {@code rank} is its source's, MAX_VALUE for status. */
  PackageVersion add(Paragraph p, int rank, boolean installed) {
    String name = p.require("Package").strip();
    String version = p.require("Version").strip();
    String arch = p.get("Architecture").map(String::strip).orElse(nativeArch);
    if (arch.equals("all")) {
      arch = nativeArch;
    } else if (!architectures.contains(arch)) {
      return null; // apt ignores architectures it is not configured for
    }
    ArchPackage pkg = mention(name, arch);
    for (PackageVersion v : pkg.versions) {
      if (v.version().equals(version)) {
        v.source = Math.min(v.source, rank);
        if (installed) {
          pkg.installed = v;
        }
        return v;
      }
    }
    PackageVersion v = new PackageVersion(pkg, version, MultiArch.of(p), priority(p));
    v.source = rank;
    v.paragraph = p;
    pkg.versions.add(v);
    if (installed) {
      pkg.installed = v;
    }
    if (yes(p, "Essential")) {
      pkg.essential = true;
    }
    if (yes(p, "Important") || yes(p, "Protected")) {
      pkg.important = true;
    }
    List<List<Target>> depends = new ArrayList<>();
    groups(p, "Pre-Depends", Target.DepType.PRE_DEPENDS, pkg, depends);
    groups(p, "Depends", Target.DepType.DEPENDS, pkg, depends);
    v.depends = depends.isEmpty() ? List.of() : depends;
    List<Target> negative = new ArrayList<>();
    negatives(p, "Conflicts", Target.DepType.CONFLICTS, pkg, negative);
    negatives(p, "Breaks", Target.DepType.BREAKS, pkg, negative);
    if (v.multiArch == MultiArch.SAME) {
      for (String a : architectures) {
        if (!a.equals(arch)) {
          negative.add(new Target(mention(name, a), null, version, Target.DepType.SAME_VERSION));
        }
      }
    }
    v.negative = negative.isEmpty() ? List.of() : negative;
    List<List<Target>> recommends = new ArrayList<>();
    groups(p, "Recommends", Target.DepType.RECOMMENDS, pkg, recommends);
    v.recommends = recommends.isEmpty() ? List.of() : recommends;
    for (String f : new String[] {"Suggests", "Replaces", "Enhances"}) {
      mentionOnly(p, f, pkg);
    }
    provides(p, v);
    switch (v.multiArch) {
      case FOREIGN -> {
        for (String a : architectures) {
          if (!a.equals(arch)) {
            mention(name, a).providedBy.add(new ArchPackage.Provide(v, version, true));
          }
        }
      }
      case ALLOWED ->
          mention(name, "any").providedBy.add(new ArchPackage.Provide(v, version, true));
      default -> {}
    }
    return v;
  }

  private static boolean yes(Paragraph p, String field) {
    String v = p.value(field);
    return v != null && v.strip().equalsIgnoreCase("yes");
  }

  private static int priority(Paragraph p) {
    String v = p.value("Priority");
    return v == null ? 0 : PRIORITIES.getOrDefault(v.strip().toLowerCase(Locale.ROOT), 5);
  }

  private static RelationField parse(Paragraph p, String field) {
    String text = p.value(field);
    if (text == null) {
      return null;
    }
    try {
      return RelationField.parse(field, text);
    } catch (FormatException e) {
      throw p.error(field, p.value("Package") + ": " + e.detail(), e.hint().orElse(null));
    }
  }

  private String targetArch(Dependency d, ArchPackage from) {
    String q = d.archQualifier();
    if (q == null) {
      return from.arch;
    }
    return q.equals("native") ? nativeArch : q;
  }

  private void groups(
      Paragraph p, String field, Target.DepType type, ArchPackage from, List<List<Target>> out) {
    RelationField rf = parse(p, field);
    if (rf == null) {
      return;
    }
    for (Alternatives item : rf.items()) {
      List<Target> group = new ArrayList<>(item.alternatives().size());
      for (Dependency d : item.alternatives()) {
        ArchPackage t = mention(d.name(), targetArch(d, from));
        group.add(new Target(t, d.relation(), d.version(), type));
      }
      out.add(List.copyOf(group));
    }
  }

  /** Conflicts and Breaks hold against the name on every architecture (apt's implicit ones). */
  private void negatives(
      Paragraph p, String field, Target.DepType type, ArchPackage from, List<Target> out) {
    RelationField rf = parse(p, field);
    if (rf == null) {
      return;
    }
    for (Alternatives item : rf.items()) {
      Dependency d = item.alternatives().get(0);
      String q = d.archQualifier();
      if (q == null || q.equals("any")) {
        out.add(new Target(mention(d.name(), from.arch), d.relation(), d.version(), type));
        for (String a : architectures) {
          if (!a.equals(from.arch)) {
            out.add(new Target(mention(d.name(), a), d.relation(), d.version(), type));
          }
        }
      } else {
        out.add(
            new Target(mention(d.name(), targetArch(d, from)), d.relation(), d.version(), type));
      }
    }
  }

  private void mentionOnly(Paragraph p, String field, ArchPackage from) {
    String text = p.value(field);
    if (text == null) {
      return;
    }
    for (String part : text.split("[,|]")) {
      String s = part.strip();
      int end = 0;
      while (end < s.length() && " \t\n(:[<".indexOf(s.charAt(end)) < 0) {
        end++;
      }
      if (end > 0) {
        int colon = s.indexOf(':');
        String arch = from.arch;
        if (colon == end) {
          int e2 = colon + 1;
          while (e2 < s.length() && " \t\n([<".indexOf(s.charAt(e2)) < 0) {
            e2++;
          }
          arch = s.substring(colon + 1, e2);
        }
        mention(s.substring(0, end), arch);
      }
    }
  }

  private void provides(Paragraph p, PackageVersion v) {
    RelationField rf = parse(p, "Provides");
    if (rf == null) {
      return;
    }
    for (Alternatives item : rf.items()) {
      Dependency d = item.alternatives().get(0);
      ArchPackage.Provide prv = new ArchPackage.Provide(v, d.version(), false);
      mention(d.name(), v.pkg.arch).providedBy.add(prv);
      if (v.multiArch == MultiArch.FOREIGN) {
        for (String a : architectures) {
          if (!a.equals(v.pkg.arch)) {
            mention(d.name(), a).providedBy.add(prv);
          }
        }
      }
    }
  }
}
