package org.debforge.core.repo;

import org.debforge.core.control.Paragraph;

/** What every stanza of an APT index has: a package name, a version and an architecture. */
public sealed interface IndexStanza permits BinaryPackage, SourcePackage {
  Paragraph paragraph();

  default String name() {
    return paragraph().value("Package");
  }

  default String version() {
    return paragraph().value("Version");
  }

  /** The Architecture field as written (a list of wildcards in Sources), or empty. */
  default String architecture() {
    return paragraph().get("Architecture").orElse("");
  }
}
