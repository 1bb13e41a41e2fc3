package org.debforge.debmock.plugin.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a hook knows about the build when it runs. Paths are on the host; {@code rootPath} is the
 * build root as mounted for this build (never the shared cache).
 *
 * @param stage the hook being fired
 * @param chrootName the config name, e.g. {@code bookworm-amd64}
 * @param rootPath the build root directory, or null before it exists
 * @param sourcePackage source package name, or null outside a build
 * @param sourceVersion source version, or null outside a build
 * @param buildDir the unpacked source tree inside the root (host path), or null
 * @param logDir where logs are written (the result directory by default)
 * @param resultDir where artifacts and result.json go
 * @param operation what deb-mock was asked to do: {@code rebuild}, {@code init}, {@code shell}...
 * @param config the effective configuration as a read-only tree (YAML keys)
 * @param result the build's outcome so far ({@code status}, {@code exitReason}...), empty before
 * @param packages for {@code preapt}/{@code postapt}: the packages apt is asked about; else empty
 * @param extra hook-specific values, e.g. {@code snapshot} name for snapshot hooks; also {@code
 *     upper_dir}, {@code lower_dir}, {@code lower_dirs} (colon-joined) and {@code dsc} as text, for
 *     hooks written before {@code buildroot} and {@code lowerDirs}
 * @param lowerDirs the root's overlay lower layers, topmost first (stacked layers, then the base
 *     root); empty before the root exists
 * @param buildroot what the plugin may do to the root (mounts, environment, layers, caches...), or
 *     null where there is no root operation (a test's context)
 */
public record HookContext(
    HookStage stage,
    String chrootName,
    Path rootPath,
    String sourcePackage,
    String sourceVersion,
    Path buildDir,
    Path logDir,
    Path resultDir,
    String operation,
    Map<String, Object> config,
    Map<String, Object> result,
    List<String> packages,
    Map<String, String> extra,
    List<Path> lowerDirs,
    Buildroot buildroot) {
  public HookContext {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(chrootName, "chrootName");
    Objects.requireNonNull(operation, "operation");
    config = config == null ? Map.of() : Map.copyOf(config);
    result = result == null ? Map.of() : Map.copyOf(result);
    packages = packages == null ? List.of() : List.copyOf(packages);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
    lowerDirs = lowerDirs == null ? List.of() : List.copyOf(lowerDirs);
  }

  /** The same context for another hook, with other packages (for preapt/postapt). */
  public HookContext at(HookStage other, List<String> otherPackages) {
    return new HookContext(
        other,
        chrootName,
        rootPath,
        sourcePackage,
        sourceVersion,
        buildDir,
        logDir,
        resultDir,
        operation,
        config,
        result,
        otherPackages,
        extra,
        lowerDirs,
        buildroot);
  }
}
