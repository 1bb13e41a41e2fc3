package org.debforge.core.relation;

import java.util.Objects;

/**
 * One term of an architecture restriction ({@code [amd64 !i386]}) or of a build-profile restriction
 * ({@code <!nocheck stage1>}): a name, maybe negated with {@code !}.
 */
public record Restriction(String name, boolean negated) {
  public Restriction {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.startsWith("!")) {
      throw new IllegalArgumentException("bad restriction name: '" + name + "'");
    }
  }

  @Override
  public String toString() {
    return negated ? "!" + name : name;
  }
}
