package org.debforge.compose.blueprint;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.debforge.core.DebforgeException;
import org.debforge.core.arch.ArchTable;
import org.debforge.core.version.DebianVersion;

/**
 * The syntax of the names a blueprint holds. Names that become path parts (the compose name, the
 * suite) admit no '/', no leading '.' and nothing a shell or a URL would need to quote.
 */
final class Names {
  private Names() {}

  private static final Set<String> ARCHES = Set.copyOf(ArchTable.dpkg().names());

  static final Pattern COMPOSE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");
  static final String COMPOSE_NAME_HINT =
      "use letters, digits, '.' and '-', starting with a letter or digit, at most 64 (e.g."
          + " bookworm-minimal)";

  static final Pattern SUITE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}");
  static final String SUITE_HINT =
      "use letters, digits and . + _ - (a Debian suite or codename, e.g. bookworm or"
          + " bookworm-updates)";

  static final Pattern COMPONENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final String COMPONENT_HINT =
      "an archive component, e.g. main, contrib, non-free-firmware";

  /** Debian policy 5.6.1: lower case letters, digits, + - . ; at least two, starting alnum. */
  static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]+");

  static final String PACKAGE_HINT =
      "a Debian package name (lower case letters, digits, + - ., at least two characters),"
          + " optionally :ARCH and =VERSION as apt takes them (e.g. openssh-server,"
          + " libc6:i386, hello=2.10-3), or @GROUP";

  private static final Pattern REQUEST =
      Pattern.compile("([a-z0-9][a-z0-9+.-]+)(?::([a-z0-9-]+))?(?:=(.+))?");

  /** Tag names and snapshot ids as deb-orchestrator accepts them. */
  static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");

  static final Pattern SNAPSHOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]{0,99}");

  static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final String GROUP_HINT = "use letters, digits and . _ - (e.g. ssh-server)";

  /** systemd-sysusers' and useradd's portable user names. */
  static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");

  static final String USER_HINT =
      "lower case letters, digits, '_' and '-', starting with a letter or '_', at most 31";

  static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:@+_-]{0,127}");

  static final Pattern OPTION = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  /**
   * Checks a package request; returns null when it is fine, else what is wrong. A {@code @group} is
   * only checked for syntax here; whether the group exists is known after includes merge.
   */
  static String checkRequest(String request) {
    if (request.startsWith("@")) {
      return GROUP.matcher(request.substring(1)).matches() ? null : "bad group reference";
    }
    Matcher m = REQUEST.matcher(request);
    if (!m.matches()) {
      return "not a package request";
    }
    if (m.group(2) != null && !isArch(m.group(2))) {
      return "unknown architecture '" + m.group(2) + "'";
    }
    if (m.group(3) != null) {
      try {
        DebianVersion.parse(m.group(3));
      } catch (DebforgeException e) {
        return "bad version: " + e.getMessage();
      }
    }
    return null;
  }

  /** A real architecture dpkg knows, by its plain name (not a wildcard, not linux-amd64). */
  static boolean isArch(String arch) {
    return ARCHES.contains(arch);
  }
}
