package org.debforge.debmock.build.orig;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gbp's tag names for a version ({@code DebianGitRepository.version_to_tag}): {@code %(version)s}
 * is the version made a valid git tag as DEP-14 says ({@code ~} becomes {@code _}, {@code :}
 * becomes {@code %}, a {@code .} before another {@code .}, the end or {@code lock} gets a {@code
 * #}), {@code %(hversion)s} the same with dots as dashes, and {@code %(version%A%B)s} replaces the
 * character A with the string B first.
 */
public final class UpstreamTag {
  // PkgPolicy.version_mangle_re, with Python's named groups.
  private static final Pattern MANGLE = Pattern.compile("%\\(version%([^%])%((?:[^%]|\\\\%)+)\\)s");

  private UpstreamTag() {}

  /** The tag gbp looks for: {@code name("upstream/%(version)s", "1.0~rc1")} is upstream/1.0_rc1. */
  public static String name(String format, String version) {
    return subst(format, version, true);
  }

  /** A gbp path setting ({@code tarball-dir}) with the version substituted as it is. */
  public static String path(String format, String version) {
    return subst(format, version, false);
  }

  private static String subst(String format, String version, boolean sanitize) {
    Matcher m = MANGLE.matcher(format);
    if (m.find()) {
      version = version.replace(m.group(1), m.group(2).replace("\\%", "%"));
      format = m.replaceAll("%(version)s");
    }
    String v = sanitize ? sanitize(version) : version;
    return format.replace("%(version)s", v).replace("%(hversion)s", v.replace('.', '-'));
  }

  /** DEP-14's mangling, as gbp's {@code _sanitize_version}. */
  static String sanitize(String version) {
    return version.replaceAll("\\.(?=\\.|$|lock$)", ".#").replace('~', '_').replace(':', '%');
  }
}
