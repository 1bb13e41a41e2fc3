package org.debforge.core.repo;

import java.util.Optional;
import org.debforge.core.control.Paragraph;

/** A stanza of a {@code Packages} index: one binary package in the archive. */
public record BinaryPackage(Paragraph paragraph) implements IndexStanza {
  public BinaryPackage {
    paragraph.require("Package");
    paragraph.require("Version");
  }

  /** Path of the .deb relative to the repository root. */
  public String filename() {
    return paragraph.require("Filename");
  }

  public long size() {
    String v = paragraph.require("Size");
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw paragraph.error("Size", "'" + v + "' is not a size", "Size is the .deb's byte count");
    }
  }

  public Optional<String> sha256() {
    return paragraph.get("SHA256");
  }

  public Optional<String> depends() {
    return paragraph.get("Depends");
  }
}
