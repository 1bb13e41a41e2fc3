package org.debforge.debmock.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.debforge.core.control.Dsc;
import org.debforge.core.version.DebianVersion;

/**
 * A source package whose .dsc was read and whose files were all checked against it.
 *
 * @param dsc the .dsc on the host
 * @param control the .dsc's typed view (signature already checked when a keyring was given)
 * @param files the files the .dsc lists, on the host, each verified
 * @param signer fingerprint of the key that signed the .dsc, or null when no keyring was given
 */
public record SourcePackage(Path dsc, Dsc control, List<Path> files, String signer) {
  public SourcePackage {
    Objects.requireNonNull(dsc, "dsc");
    Objects.requireNonNull(control, "control");
    files = List.copyOf(files);
  }

  public String name() {
    return control.source();
  }

  public String version() {
    return control.version();
  }

  public String format() {
    return control.format();
  }

  /** Build-Depends, -Arch and -Indep as written, whitespace folded (for preapt hooks). */
  public List<String> buildDepends() {
    List<String> out = new ArrayList<>();
    for (var f :
        List.of(control.buildDepends(), control.buildDependsArch(), control.buildDependsIndep())) {
      f.ifPresent(v -> out.add(v.replaceAll("\\s+", " ").strip()));
    }
    return out;
  }

  /** The version without epoch and Debian revision, as in the unpacked directory's name. */
  public String upstreamVersion() {
    return DebianVersion.parse(version()).upstream();
  }

  /** The fixed build path inside the root: {@code /build/<source>-<upstream version>}. */
  public String buildPath() {
    return "/build/" + name() + "-" + upstreamVersion();
  }
}
