package org.debforge.core.relation;

import java.util.List;
import java.util.stream.Collectors;

/** One comma-separated item of a relationship field: alternatives separated by {@code |}. */
public record Alternatives(List<Dependency> alternatives) {
  public Alternatives {
    alternatives = List.copyOf(alternatives);
    if (alternatives.isEmpty()) {
      throw new IllegalArgumentException("no alternatives");
    }
  }

  @Override
  public String toString() {
    return alternatives.stream().map(Dependency::toString).collect(Collectors.joining(" | "));
  }
}
