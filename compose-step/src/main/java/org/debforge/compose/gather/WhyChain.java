package org.debforge.compose.gather;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Paragraph;
import org.debforge.core.relation.Alternatives;
import org.debforge.core.relation.Dependency;
import org.debforge.core.relation.RelationField;

/**
 * Why a package is in a resolved set: the shortest chain of relations from a request to it, found
 * by a breadth-first walk over the set's own Pre-Depends and Depends (and Recommends when they were
 * installed). It explains the set; it does not re-resolve it.
 */
public final class WhyChain {
  private WhyChain() {}

  /** One step: a package, and the relation of the previous step that brought it in. */
  public record Step(String name, String version, String via) {
    @Override
    public String toString() {
      return via == null ? name + " " + version : "  " + via + " -> " + name + " " + version;
    }
  }

  /**
   * The chain from a request to {@code target}, first step the request.
   *
   * @throws DebforgeException NOT_FOUND when the package is not in the set
   */
  public static List<Step> why(GatherResult set, String target, boolean recommends) {
    Map<String, Resolved> byName = new HashMap<>();
    Map<String, List<Resolved>> providers = new HashMap<>();
    for (Resolved r : set.packages()) {
      byName.putIfAbsent(r.pkg().name(), r);
      providers.computeIfAbsent(r.pkg().name(), k -> new ArrayList<>()).add(r);
      for (Alternatives a : relations(r.stanza(), "Provides")) {
        for (Dependency d : a.alternatives()) {
          providers.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    if (!byName.containsKey(target)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "'" + target + "' is not in the resolved set for " + set.arch(),
          "resolve without --why to list the set");
    }
    Map<String, String[]> parent = new HashMap<>(); // name -> {parent name, relation text}
    Deque<String> queue = new ArrayDeque<>();
    Map<String, String> reasons = new HashMap<>();
    for (GatherResult.Request q : set.requests()) {
      String name = q.text().split("[:=]", 2)[0];
      for (Resolved r : providers.getOrDefault(name, List.of())) {
        if (!parent.containsKey(r.pkg().name())) {
          parent.put(r.pkg().name(), null);
          reasons.put(r.pkg().name(), q.reason());
          queue.add(r.pkg().name());
        }
      }
    }
    List<String> fields = new ArrayList<>(List.of("Pre-Depends", "Depends"));
    if (recommends) {
      fields.add("Recommends");
    }
    while (!queue.isEmpty() && !parentKnown(parent, target)) {
      String name = queue.poll();
      Resolved r = byName.get(name);
      for (String field : fields) {
        for (Alternatives a : relations(r.stanza(), field)) {
          for (Dependency d : a.alternatives()) {
            for (Resolved t : providers.getOrDefault(d.name(), List.of())) {
              String tn = t.pkg().name();
              if (!parent.containsKey(tn)) {
                parent.put(tn, new String[] {name, field + ": " + a});
                queue.add(tn);
              }
            }
          }
        }
      }
    }
    if (!parent.containsKey(target)) {
      return List.of(new Step(target, byName.get(target).pkg().version(), null));
    }
    List<Step> chain = new ArrayList<>();
    String at = target;
    while (at != null) {
      String[] p = parent.get(at);
      Resolved r = byName.get(at);
      chain.add(
          new Step(
              at, r.pkg().version(), p == null ? "requested (" + reasons.get(at) + ")" : p[1]));
      at = p == null ? null : p[0];
    }
    Collections.reverse(chain);
    return chain;
  }

  private static boolean parentKnown(Map<String, String[]> parent, String target) {
    return parent.containsKey(target);
  }

  private static List<Alternatives> relations(Paragraph p, String field) {
    Optional<String> v = p.get(field);
    if (v.isEmpty() || v.get().isBlank()) {
      return List.of();
    }
    return RelationField.parse(field, v.get()).items();
  }

  /** The chain as lines: the request first, then each relation that pulled the next in. */
  public static String render(List<Step> chain) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < chain.size(); i++) {
      Step s = chain.get(i);
      if (i == 0) {
        sb.append(s.name()).append(' ').append(s.version()).append(": ").append(s.via());
      } else {
        sb.append("\n")
            .append("  ".repeat(i))
            .append("└─ ")
            .append(chain.get(i - 1).name())
            .append(' ')
            .append(s.via())
            .append(" -> ")
            .append(s.name())
            .append(' ')
            .append(s.version());
      }
    }
    return sb.append('\n').toString();
  }
}
