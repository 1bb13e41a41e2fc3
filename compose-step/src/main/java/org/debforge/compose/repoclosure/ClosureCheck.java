package org.debforge.compose.repoclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.debforge.core.control.Paragraph;
import org.debforge.core.relation.Alternatives;
import org.debforge.core.relation.Dependency;
import org.debforge.core.relation.RelationField;
import org.debforge.core.version.DebianVersion;

/**
 * Our own repoclosure: which packages of a Packages index cannot have their Pre-Depends and Depends
 * met inside the index. A package is broken when one of its or-groups has no alternative that is
 * present (by name or Provides, with a matching version) and not itself broken; the check runs to a
 * fixed point, so it reports what dose-distcheck reports as broken through dependency chains.
 * Conflicts are not weighed: the resolver chose a conflict-free set, and dose-distcheck, which does
 * weigh them, would disagree if one were left.
 */
public final class ClosureCheck {
  private ClosureCheck() {}

  /** A package and its first unmet relation. */
  public record Broken(String name, String version, String arch, String reason) {
    public String key() {
      return name + " " + version + " " + arch;
    }
  }

  private record Pkg(
      Paragraph p, String name, String version, String arch, List<Alternatives> deps) {}

  private record Prov(Pkg owner, String version) {}

  /** The broken packages, by {@code name version arch}. */
  public static Map<String, Broken> check(List<Paragraph> stanzas) {
    List<Pkg> pkgs = new ArrayList<>();
    Map<String, List<Prov>> byName = new HashMap<>();
    for (Paragraph p : stanzas) {
      List<Alternatives> deps = new ArrayList<>();
      deps.addAll(relations(p, "Pre-Depends"));
      deps.addAll(relations(p, "Depends"));
      Pkg k =
          new Pkg(
              p,
              p.value("Package").strip(),
              p.value("Version").strip(),
              p.get("Architecture").orElse("").strip(),
              deps);
      pkgs.add(k);
      byName.computeIfAbsent(k.name(), n -> new ArrayList<>()).add(new Prov(k, k.version()));
      for (Alternatives a : relations(p, "Provides")) {
        for (Dependency d : a.alternatives()) {
          byName.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(new Prov(k, d.version()));
        }
      }
    }
    Map<Pkg, String> broken = new HashMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Pkg k : pkgs) {
        if (broken.containsKey(k)) {
          continue;
        }
        for (Alternatives group : k.deps()) {
          if (!met(group, byName, broken)) {
            broken.put(k, "Depends: " + group + " is not met inside the set");
            changed = true;
            break;
          }
        }
      }
    }
    Map<String, Broken> out = new TreeMap<>();
    broken.forEach(
        (k, why) -> {
          Broken b = new Broken(k.name(), k.version(), k.arch(), why);
          out.put(b.key(), b);
        });
    return out;
  }

  private static boolean met(
      Alternatives group, Map<String, List<Prov>> byName, Map<Pkg, String> broken) {
    for (Dependency d : group.alternatives()) {
      for (Prov pr : byName.getOrDefault(d.name(), List.of())) {
        if (broken.containsKey(pr.owner())) {
          continue;
        }
        if (d.relation() == null) {
          return true;
        }
        // A versioned relation is met by the real package's version or a versioned Provides only.
        if (pr.version() != null
            && d.relation().satisfiedBy(DebianVersion.compare(pr.version(), d.version()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Alternatives> relations(Paragraph p, String field) {
    Optional<String> v = p.get(field);
    if (v.isEmpty() || v.get().isBlank()) {
      return List.of();
    }
    return RelationField.parse(field, v.get()).items();
  }
}
