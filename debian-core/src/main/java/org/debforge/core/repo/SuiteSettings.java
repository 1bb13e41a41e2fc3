package org.debforge.core.repo;

import java.time.ZonedDateTime;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * What a suite's Release says about it.
 *
 * @param origin, label, description optional (null)
 * @param date written as {@code Date:}; fixed in tests for reproducible output
 * @param sha512 also list SHA512 checksums
 */
public record SuiteSettings(
    String origin,
    String label,
    String suite,
    String codename,
    String description,
    String component,
    List<String> architectures,
    ZonedDateTime date,
    boolean sha512) {
  public SuiteSettings {
    for (String word : List.of(suite, codename, component)) {
      if (word == null || !word.matches("[A-Za-z0-9][A-Za-z0-9.+_-]*")) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "invalid suite, codename or component name '" + word + "'",
            "use letters, digits and . + _ - (e.g. bookworm, main)");
      }
    }
    architectures = List.copyOf(architectures);
    for (String a : architectures) {
      if (!a.matches("[a-z0-9][a-z0-9-]*") || a.equals("all")) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "invalid architecture '" + a + "'",
            "name Debian architectures such as amd64 or arm64; 'all' packages go into each");
      }
    }
    if (architectures.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "no architecture to publish",
          "pass --arch (e.g. --arch amd64): the pool holds only Architecture: all packages");
    }
  }
}
