package org.debforge.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.debforge.core.relation.RelationField;

/**
 * On random small universes (names p0..p9 plus virtual v0..v2 and a missing name, random versioned
 * or-groups, conflicts, breaks and provides, some packages installed): whatever the resolver
 * answers for a request is a consistent system, closed under Depends and Pre-Depends and free of
 * Conflicts and Breaks; or it says why not.
 */
class ResolverProperties {
  static final int N = 10;

  @Property(tries = 300)
  void answerIsClosedAndConflictFree(
      @ForAll("seed") long seed, @ForAll @IntRange(min = 0, max = N - 1) int request) {
    Random rnd = new Random(seed);
    Universe u = new Universe();
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < N; i++) {
      String spec = "p" + i + " " + (1 + rnd.nextInt(3)) + " " + fields(rnd, i);
      u.pkg(spec);
      if (rnd.nextInt(5) == 0) {
        u.installed(spec);
      }
    }
    PackageUniverse universe = u.build();
    Resolution r = new Resolver(universe, Resolver.Options.NO_RECOMMENDS).resolve("p" + request);
    if (!r.satisfiable()) {
      assertThat(r.explanation().orElseThrow().render()).startsWith("cannot install p" + request);
      return;
    }
    // The final system: installed, minus removals, with installs replacing their package.
    Map<String, PackageVersion> system = new HashMap<>();
    for (PackageVersion v : universe.installed()) {
      system.put(v.name(), v);
    }
    r.remove().forEach(v -> system.remove(v.name()));
    r.install().forEach(v -> system.put(v.name(), v));
    assertThat(system).containsKey("p" + request);
    for (PackageVersion v : system.values()) {
      for (String f : List.of("Pre-Depends", "Depends")) {
        String text = v.paragraph().value(f);
        if (text == null) {
          continue;
        }
        for (var item : RelationField.parse(f, text).items()) {
          boolean met =
              item.alternatives().stream()
                  .anyMatch(d -> satisfied(system, d.name(), d.relation(), d.version()));
          assertThat(met).as(v + " " + f + ": " + item + " in " + system.keySet()).isTrue();
        }
      }
      for (String f : List.of("Conflicts", "Breaks")) {
        String text = v.paragraph().value(f);
        if (text == null) {
          continue;
        }
        for (var item : RelationField.parse(f, text).items()) {
          var d = item.alternatives().get(0);
          if (d.name().equals(v.name())) {
            continue;
          }
          Map<String, PackageVersion> others = new HashMap<>(system);
          others.remove(v.name());
          assertThat(satisfied(others, d.name(), d.relation(), d.version()))
              .as(v + " " + f + ": " + d + " in " + system.keySet())
              .isFalse();
        }
      }
    }
  }

  /** Whether the system holds {@code name} in a matching version, directly or provided. */
  static boolean satisfied(
      Map<String, PackageVersion> system,
      String name,
      org.debforge.core.relation.VersionRelation rel,
      String version) {
    Target probe = new Target(null, rel, version, Target.DepType.DEPENDS);
    PackageVersion real = system.get(name);
    if (real != null && probe.accepts(real.version())) {
      return true;
    }
    for (PackageVersion v : system.values()) {
      String prv = v.paragraph().value("Provides");
      if (prv == null) {
        continue;
      }
      for (var item : RelationField.parse("Provides", prv).items()) {
        var d = item.alternatives().get(0);
        if (d.name().equals(name) && probe.accepts(d.version())) {
          return true;
        }
      }
    }
    return false;
  }

  static String fields(Random rnd, int self) {
    List<String> out = new ArrayList<>();
    List<String> deps = new ArrayList<>();
    for (int g = rnd.nextInt(3); g > 0; g--) {
      List<String> alts = new ArrayList<>();
      for (int a = 1 + rnd.nextInt(3); a > 0; a--) {
        alts.add(ref(rnd, self));
      }
      deps.add(String.join(" | ", alts));
    }
    if (!deps.isEmpty()) {
      out.add((rnd.nextInt(4) == 0 ? "Pre-Depends: " : "Depends: ") + String.join(", ", deps));
    }
    if (rnd.nextInt(3) == 0) {
      out.add("Conflicts: " + ref(rnd, self));
    }
    if (rnd.nextInt(4) == 0) {
      out.add("Breaks: p" + rnd.nextInt(N) + " (<< " + (1 + rnd.nextInt(3)) + ")");
    }
    if (rnd.nextInt(3) == 0) {
      int v = rnd.nextInt(3);
      out.add("Provides: v" + v + (rnd.nextBoolean() ? " (= " + (1 + rnd.nextInt(3)) + ")" : ""));
    }
    return String.join("; ", out);
  }

  static String ref(Random rnd, int self) {
    int k = rnd.nextInt(14);
    String name = k < N ? "p" + k : k < 13 ? "v" + (k - N) : "missing";
    String[] ops = {"<<", "<=", "=", ">=", ">>"};
    return rnd.nextInt(3) == 0
        ? name + " (" + ops[rnd.nextInt(5)] + " " + (1 + rnd.nextInt(3)) + ")"
        : name;
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Long> seed() {
    return net.jqwik.api.Arbitraries.longs();
  }
}
