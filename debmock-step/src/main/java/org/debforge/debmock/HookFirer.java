package org.debforge.debmock;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.debmock.build.SourcePackage;
import org.debforge.debmock.config.ChrootConfig;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.runtime.HookDispatcher;

/** Builds each hook's context from what the run knows at that moment, and fires it. */
final class HookFirer {
  private final HookDispatcher dispatcher;
  private final ChrootConfig config;
  private final String operation;
  private final Path resultDir;
  final BuildrootAccess buildroot;
  Path rootPath;
  Path lowerDir;

  /** The root's overlay lower layers, topmost first (deps layers, then the base), or null. */
  java.util.function.Supplier<List<Path>> lowerDirs;

  SourcePackage source;
  String buildPath;
  final Map<String, Object> result = new LinkedHashMap<>();

  HookFirer(
      HookDispatcher dispatcher,
      ChrootConfig config,
      String operation,
      Path resultDir,
      BuildrootAccess buildroot) {
    this.dispatcher = dispatcher;
    this.config = config;
    this.operation = operation;
    this.resultDir = resultDir;
    this.buildroot = buildroot;
  }

  void fire(HookStage stage) {
    fire(stage, List.of(), Map.of());
  }

  void fire(HookStage stage, List<String> packages, Map<String, String> extra) {
    Path buildDir = null;
    if (rootPath != null && buildPath != null) {
      buildDir = rootPath.resolve(buildPath.substring(1));
    }
    HookContext context =
        new HookContext(
            stage,
            config.name(),
            rootPath,
            source == null ? null : source.name(),
            source == null ? null : source.version(),
            buildDir,
            resultDir,
            resultDir,
            operation,
            config.toMap(),
            result,
            packages,
            withLayers(extra),
            lowerDirs == null ? List.of() : lowerDirs.get(),
            buildroot);
    try {
      dispatcher.fire(context);
    } catch (DebforgeException e) {
      // The engine refused what a plugin asked of the root (a mount through a symlink, apt
      // failing): report it as the engine's own error, with its kind, not as the plugin's.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (buildroot.refused(t)) {
          throw (DebforgeException) t;
        }
      }
      throw e;
    }
  }

  /**
   * The root is an overlay mounted only inside the build's namespaces: on the host, hooks see its
   * upper layer as {@code rootPath}, and the base root under it as {@code lower_dir}.
   */
  private Map<String, String> withLayers(Map<String, String> extra) {
    Map<String, String> m = new LinkedHashMap<>(extra);
    if (rootPath != null) {
      m.put("upper_dir", rootPath.toString());
    }
    if (lowerDir != null) {
      m.put("lower_dir", lowerDir.toString());
    }
    if (source != null) {
      m.put("dsc", source.dsc().toString());
    }
    if (lowerDirs != null) {
      m.put("lower_dirs", String.join(":", lowerDirs.get().stream().map(Path::toString).toList()));
    }
    return m;
  }

  HookDispatcher dispatcher() {
    return dispatcher;
  }
}
