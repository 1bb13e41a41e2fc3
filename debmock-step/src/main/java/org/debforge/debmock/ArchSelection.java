package org.debforge.debmock;

import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.build.SourcePackage;

/**
 * Which binary packages a build makes, in sbuild's words ({@code --arch-any}, {@code --arch-all})
 * and dpkg-buildpackage's ({@code -b}, {@code -B}, {@code -A}): a matrix over architectures builds
 * the {@code Architecture: all} packages on one cell only, with {@code --no-arch-all} elsewhere.
 *
 * @param any the architecture-dependent packages ({@code Architecture: any} or this one)
 * @param all the {@code Architecture: all} packages
 */
public record ArchSelection(boolean any, boolean all) {
  /** sbuild maps its switches to dpkg-buildpackage's build types the same way. */
  public ArchSelection {
    if (!any && !all) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "--no-arch-any with --no-arch-all: nothing to build",
          "drop one of them (--no-arch-all builds only the architecture-dependent packages)");
    }
  }

  /** dpkg-buildpackage's build type: -b both, -B architecture-dependent only, -A all only. */
  public String buildType() {
    return buildType(false);
  }

  /**
   * The build type, with the source package too when {@code withSource} (sbuild's {@code
   * --source}): -F, -G (source and architecture-dependent), -g (source and all); the .changes is
   * then sourceful, as an upload to Debian's archive wants it.
   */
  public String buildType(boolean withSource) {
    if (withSource) {
      return any && all ? "-F" : any ? "-G" : "-g";
    }
    return any && all ? "-b" : any ? "-B" : "-A";
  }

  /**
   * Refuses, before any root is made, a build type that selects none of the source's binary
   * packages: dpkg-buildpackage would build nothing and fail with a misleading "no binary
   * artifacts" after installing everything.
   */
  static void requireSomethingToBuild(SourcePackage source, String buildType) {
    List<String> archs =
        List.of(
            source.control().paragraph().get("Architecture").orElse("any").strip().split("\\s+"));
    boolean all = archs.contains("all");
    boolean dependent = archs.stream().anyMatch(a -> !a.equals("all"));
    String what =
        source.name() + " " + source.version() + " (Architecture: " + String.join(" ", archs) + ")";
    if ((buildType.equals("-B") || buildType.equals("-G")) && !dependent) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          what + ": --no-arch-all (dpkg-buildpackage -B) leaves nothing to build",
          "build it where Architecture: all packages are built (without --no-arch-all)");
    }
    if ((buildType.equals("-A") || buildType.equals("-g")) && !all) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          what + ": --no-arch-any (dpkg-buildpackage -A) leaves nothing to build",
          "it has no Architecture: all package; build it without --no-arch-any");
    }
  }

  /** What a build type selects, for result.json ({@code -S} selects no binary package). */
  static boolean any(String buildType) {
    return !List.of("-A", "-g", "-S").contains(buildType);
  }

  static boolean all(String buildType) {
    return !List.of("-B", "-G", "-S").contains(buildType);
  }
}
