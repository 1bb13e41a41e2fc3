package org.debforge.debmock.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A source package whose .dsc was read and whose files were all checked against it.
 *
 * @param dsc the .dsc on the host
 * @param files the files the .dsc lists, on the host, each verified
 * @param buildDepends all of Build-Depends, -Arch and -Indep, as written (for preapt hooks)
 */
public record SourcePackage(
    Path dsc,
    String name,
    String version,
    String format,
    List<Path> files,
    List<String> buildDepends) {
  public SourcePackage {
    Objects.requireNonNull(dsc, "dsc");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    files = List.copyOf(files);
    buildDepends = List.copyOf(buildDepends);
  }

  /** The version without epoch and Debian revision, as in the unpacked directory's name. */
  public String upstreamVersion() {
    String v = version;
    int colon = v.indexOf(':');
    if (colon >= 0) {
      v = v.substring(colon + 1);
    }
    int dash = v.lastIndexOf('-');
    return dash >= 0 ? v.substring(0, dash) : v;
  }

  /** The fixed build path inside the root: {@code /build/<source>-<upstream version>}. */
  public String buildPath() {
    return "/build/" + name + "-" + upstreamVersion();
  }
}
