package org.debforge.compose.blueprint;

import java.util.List;
import java.util.stream.Collectors;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A blueprint that cannot be loaded, with every problem found (not only the first), so that one
 * {@code validate} run shows all of them. One problem reads as one message plus its hint; several
 * are listed one per line, each with its own hint.
 */
public final class BlueprintException extends DebforgeException {
  private final transient List<Problem> problems;

  public BlueprintException(List<Problem> problems) {
    super(
        kindOf(problems), message(problems), problems.size() == 1 ? problems.get(0).hint() : null);
    this.problems = List.copyOf(problems);
  }

  /** The problems: each file's in line order, a file's own before its includes'. */
  public List<Problem> problems() {
    return problems;
  }

  private static ErrorKind kindOf(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    // Input refused on purpose is the stronger statement: say so even among config errors.
    return problems.stream().anyMatch(p -> p.kind() == ErrorKind.UNSAFE_INPUT)
        ? ErrorKind.UNSAFE_INPUT
        : problems.get(0).kind();
  }

  private static String message(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    return problems.size()
        + " problems in the blueprint:\n"
        + problems.stream()
            .map(p -> p + p.hintText().map(h -> "\n    hint: " + h).orElse(""))
            .collect(Collectors.joining("\n"));
  }
}
