package org.debforge.core.deb;

import java.nio.file.Path;
import org.debforge.core.control.Paragraph;

/**
 * Reads Debian binary packages (deb(5)): an ar archive of debian-binary, control.tar, data.tar. The
 * entry points for callers who want a result, not a stream: see {@link DebReader} to stream
 * data.tar, {@link DebExtractor} to unpack it and {@link DebWriter} to build packages.
 */
public final class DebArchive {
  private DebArchive() {}

  /** The paragraph of {@code ./control} inside the package's control.tar; data.tar is not read. */
  public static Paragraph control(Path deb) {
    try (DebReader reader = DebReader.open(deb)) {
      return DebInfo.of(deb.toString(), reader, false).control();
    }
  }

  /** The package's control area only: data.tar is not read, so {@link DebInfo#data()} is empty. */
  public static DebInfo info(Path deb) {
    try (DebReader reader = DebReader.open(deb)) {
      return DebInfo.of(deb.toString(), reader, false);
    }
  }

  /** The package's control area and its data.tar listing, streamed in one pass. */
  public static DebInfo read(Path deb) {
    try (DebReader reader = DebReader.open(deb)) {
      return DebInfo.of(deb.toString(), reader, true);
    }
  }
}
