package org.debforge.core.repo;

import java.util.List;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.control.Paragraph;

/** A stanza of a {@code Sources} index: one source package, its .dsc and the files it names. */
public record SourcePackage(Paragraph paragraph) implements IndexStanza {
  public SourcePackage {
    paragraph.require("Package");
    paragraph.require("Version");
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
