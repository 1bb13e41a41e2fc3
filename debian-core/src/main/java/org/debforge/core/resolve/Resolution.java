package org.debforge.core.resolve;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to install requests: what to install (new or upgraded) and remove, as apt-get's {@code
 * Inst} and {@code Remv} lines, or why there is none.
 *
 * @param explanation present exactly when not satisfiable
 */
public record Resolution(
    boolean satisfiable,
    List<PackageVersion> install,
    List<PackageVersion> remove,
    Optional<Explanation> explanation) {
  public Resolution {
    install = List.copyOf(install);
    remove = List.copyOf(remove);
    Objects.requireNonNull(explanation, "explanation");
    if (satisfiable == explanation.isPresent()) {
      throw new IllegalArgumentException("an explanation goes with an unsatisfiable answer only");
    }
  }
}
