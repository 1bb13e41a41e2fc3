package org.debforge.core.resolve;

import java.util.Locale;
import org.debforge.core.FormatException;
import org.debforge.core.control.Paragraph;

/** The Multi-Arch field of a binary package (the multiarch spec; deb-control(5)). */
public enum MultiArch {
  /** No field: the package satisfies dependencies of its own architecture only. */
  NO,
  /** Co-installable with itself for other architectures, at the same version. */
  SAME,
  /** Satisfies dependencies of packages of any architecture. */
  FOREIGN,
  /** Satisfies {@code name:any} dependencies from any architecture. */
  ALLOWED;

  static MultiArch of(Paragraph p) {
    String v = p.value("Multi-Arch");
    if (v == null) {
      return NO;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "no" -> NO;
      case "same" -> SAME;
      case "foreign" -> FOREIGN;
      case "allowed" -> ALLOWED;
      default ->
          throw new FormatException(
              p.source(),
              p.line(),
              "Multi-Arch",
              "unknown value '" + v + "' for " + p.value("Package"),
              "Multi-Arch is one of no, same, foreign, allowed");
    };
  }
}
