package org.debforge.core.resolve;

import java.util.Objects;
import org.debforge.core.FormatException;

/**
 * One package to install, as apt-get takes it: {@code name}, {@code name:arch}, {@code
 * name=version}, or {@code name:arch=version}.
 *
 * @param arch null for the native architecture (or the only one the name exists for)
 * @param version null for the candidate
 */
public record InstallRequest(String name, String arch, String version) {
  public InstallRequest {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || !name.matches("[a-z0-9][a-z0-9+.-]*")) {
      throw new FormatException(
          "install request",
          0,
          null,
          "'" + name + "' is not a package name",
          "package names are lower case letters, digits and + . - (policy 5.6.1)");
    }
  }

  public static InstallRequest parse(String text) {
    String s = text.strip();
    String version = null;
    int eq = s.indexOf('=');
    if (eq >= 0) {
      version = s.substring(eq + 1);
      s = s.substring(0, eq);
      if (version.isEmpty()) {
        throw new FormatException(
            "install request",
            0,
            null,
            "'" + text + "' has an empty version",
            "write name=version");
      }
    }
    String arch = null;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      arch = s.substring(colon + 1);
      s = s.substring(0, colon);
    }
    return new InstallRequest(s, arch, version);
  }

  @Override
  public String toString() {
    return name + (arch == null ? "" : ":" + arch) + (version == null ? "" : "=" + version);
  }
}
