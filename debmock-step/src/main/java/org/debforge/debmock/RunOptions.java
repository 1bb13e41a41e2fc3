package org.debforge.debmock;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * How deb-mock runs, apart from the chroot config: where results and build roots go, and Mock's
 * switches.
 *
 * @param buildsDir where per-build roots (overlay layers) live, e.g. /var/lib/deb-mock/build
 * @param uniqueExt Mock's --uniqueext: names this build's root, so two builds never share one
 * @param noClean reuse the session root (made by --init/--install) instead of a fresh one
 * @param noCleanupAfter keep the build root after the build, for inspection
 * @param cleanResultDir remove a previous build's files from the result directory instead of
 *     refusing it ({@code --clean-resultdir})
 * @param buildType dpkg-buildpackage's -b (binary), -B (any), -A (all), -S (source), -F (full), -G
 *     (source and any) or -g (source and all)
 * @param profiles build profiles, as DEB_BUILD_PROFILES
 * @param hostArch {@code --host-arch}: the architecture to cross-build for, or null for a native
 *     build
 */
public record RunOptions(
    Path resultDir,
    Path buildsDir,
    Path cacheDir,
    String uniqueExt,
    boolean offline,
    boolean enableNetwork,
    boolean noClean,
    boolean noCleanupAfter,
    boolean cleanResultDir,
    String buildType,
    List<String> profiles,
    String hostArch,
    Consumer<String> progress) {
  public RunOptions {
    Objects.requireNonNull(resultDir, "resultDir");
    Objects.requireNonNull(buildsDir, "buildsDir");
    Objects.requireNonNull(cacheDir, "cacheDir");
    if (!List.of("-b", "-B", "-A", "-S", "-F", "-G", "-g").contains(buildType)) {
      throw new IllegalArgumentException(
          "build type must be -b, -B, -A, -S, -F, -G or -g: " + buildType);
    }
    profiles = List.copyOf(profiles);
    if (uniqueExt != null && !uniqueExt.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("--uniqueext: letters, digits, . _ - only");
    }
    if (hostArch != null && !hostArch.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "--host-arch " + hostArch + ": not a Debian architecture name",
          "e.g. arm64, armhf, i386, ppc64el, riscv64, s390x");
    }
    progress = progress == null ? s -> {} : progress;
  }

  /**
   * The build profiles in effect: a cross build adds {@code cross} and {@code nocheck}, as sbuild
   * --host does (the tests of a foreign binary cannot run here).
   */
  public List<String> buildProfiles() {
    if (hostArch == null) {
      return profiles;
    }
    List<String> all = new java.util.ArrayList<>(List.of("cross", "nocheck"));
    profiles.stream().filter(p -> !all.contains(p)).forEach(all::add);
    return List.copyOf(all);
  }

  public static Path defaultBuildsDir() {
    String env = System.getenv("DEBMOCK_BUILDS_DIR");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("/var/lib/deb-mock/build");
  }
}
