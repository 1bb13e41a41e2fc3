package org.debforge.core.repo;

import java.util.List;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.control.Paragraph;

/** A stanza of a {@code Sources} index: one source package, its .dsc and the files it names. */
public record SourcePackage(Paragraph paragraph) {
  public SourcePackage {
    paragraph.require("Package");
    paragraph.require("Version");
  }

  public String name() {
    return paragraph.value("Package");
  }

  public String version() {
    return paragraph.value("Version");
  }

  public String architecture() {
    return paragraph.get("Architecture").orElse("");
  }

  /** The pool directory holding the files, relative to the repository root. */
  public String directory() {
    return paragraph.require("Directory");
  }

  /** The files (the .dsc first) under {@code Files} or a {@code Checksums-*} field. */
  public List<FileChecksum> files(ChecksumField digest) {
    List<FileChecksum> files = digest.parse(paragraph, digest.controlField());
    for (FileChecksum f : files) {
      ChecksumField.requirePlainFileName(f.name(), paragraph, digest.controlField());
    }
    return files;
  }
}
