package org.debforge.debmock;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.debmock.build.SourcePackage;
import org.debforge.debmock.config.ChrootConfig;
import org.debforge.debmock.plugin.HookContext;
import org.debforge.debmock.plugin.HookDispatcher;
import org.debforge.debmock.plugin.HookStage;

/** Builds each hook's context from what the run knows at that moment, and fires it. */
final class HookFirer {
  private final HookDispatcher dispatcher;
  private final ChrootConfig config;
  private final String operation;
  private final Path resultDir;
  Path rootPath;
  SourcePackage source;
  String buildPath;
  final Map<String, Object> result = new LinkedHashMap<>();

  HookFirer(HookDispatcher dispatcher, ChrootConfig config, String operation, Path resultDir) {
    this.dispatcher = dispatcher;
    this.config = config;
    this.operation = operation;
    this.resultDir = resultDir;
  }

  void fire(HookStage stage) {
    fire(stage, List.of(), Map.of());
  }

  void fire(HookStage stage, List<String> packages, Map<String, String> extra) {
    Path buildDir = null;
    if (rootPath != null && buildPath != null) {
      buildDir = rootPath.resolve(buildPath.substring(1));
    }
    dispatcher.fire(
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
            extra));
  }

  HookDispatcher dispatcher() {
    return dispatcher;
  }
}
