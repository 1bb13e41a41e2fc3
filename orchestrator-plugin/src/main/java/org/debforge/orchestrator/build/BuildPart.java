package org.debforge.orchestrator.build;

import java.util.ArrayList;
import java.util.List;

/**
 * One architecture's result of a build (Koji's per-arch task output): its .changes, who imported it
 * and the digest that makes re-importing it a no-op. A build is one source version; each
 * architecture built joins it as a part, and the {@code all} packages and the source join once.
 *
 * @param arch the part's key: the concrete architectures its .changes lists (without {@code source}
 *     and {@code all}), else {@code all}, else {@code source}
 */
public record BuildPart(String arch, String changes, String contentSha256, Provenance provenance) {
  /** The part key of a .changes listing {@code architectures}. */
  public static String keyOf(List<String> architectures) {
    List<String> concrete = new ArrayList<>();
    for (String a : architectures) {
      if (!a.equals("source") && !a.equals("all") && !concrete.contains(a)) {
        concrete.add(a);
      }
    }
    if (!concrete.isEmpty()) {
      return String.join(" ", concrete);
    }
    return architectures.contains("all") ? "all" : architectures.contains("source") ? "source" : "";
  }
}
