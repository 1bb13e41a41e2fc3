package org.debforge.core.control;

/**
 * One line of a file list such as {@code Checksums-Sha256}, {@code Files} or a Release's {@code
 * SHA256}: a digest (lower-case hex), a size and a file name, plus the section and priority that
 * {@code Files} in a .changes adds.
 *
 * @param section the .changes section, or null
 * @param priority the .changes priority, or null
 */
public record FileChecksum(String digest, long size, String name, String section, String priority) {
  public FileChecksum {
    if (digest == null || digest.isEmpty() || name == null || name.isEmpty() || size < 0) {
      throw new IllegalArgumentException("digest, size and name are required");
    }
  }

  public FileChecksum(String digest, long size, String name) {
    this(digest, size, name, null, null);
  }
}
