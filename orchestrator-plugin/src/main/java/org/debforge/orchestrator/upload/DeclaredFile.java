package org.debforge.orchestrator.upload;

import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A file a resumable upload will carry: its plain name, its size and its sha256, declared up front
 * so that every chunk can be checked against them and the commit against the whole.
 */
public record DeclaredFile(String name, long size, String sha256) {
  // A file name as dpkg and the archive allow them: no separators, no leading dot.
  static final String PLAIN_NAME = "[A-Za-z0-9][A-Za-z0-9._+~-]{0,254}";

  public DeclaredFile {
    if (name == null || !name.matches(PLAIN_NAME)) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT,
          "refusing file name '"
              + (name == null ? null : name.replaceAll("\\p{Cntrl}", "?"))
              + "' in the upload",
          "declare plain file names (letters, digits, . _ + ~ -), no directories");
    }
    if (size < 0) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, name + ": size " + size + " is negative", null);
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          name + ": '" + sha256 + "' is not a sha256",
          "declare the 64 lowercase hex digits of the file's sha256");
    }
  }
}
