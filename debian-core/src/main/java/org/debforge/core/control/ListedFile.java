package org.debforge.core.control;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One file a .dsc, .changes or .buildinfo lists, merged across its {@code Files} and {@code
 * Checksums-*} fields: name, size, every digest given, and for .changes the section and priority.
 *
 * @param section the .changes section, or null
 * @param priority the .changes priority, or null
 * @param digests lower-case hex digests by algorithm; at least one
 */
public record ListedFile(
    String name, long size, String section, String priority, Map<ChecksumField, String> digests) {
  public ListedFile {
    if (name == null || name.isEmpty() || size < 0 || digests == null || digests.isEmpty()) {
      throw new IllegalArgumentException("a listed file needs a name, a size and a digest");
    }
    digests = Collections.unmodifiableMap(new EnumMap<>(digests));
  }

  public ListedFile(String name, long size, Map<ChecksumField, String> digests) {
    this(name, size, null, null, digests);
  }

  /** The digest for {@code algorithm}, or null when the file list did not give one. */
  public String digest(ChecksumField algorithm) {
    return digests.get(algorithm);
  }
}
