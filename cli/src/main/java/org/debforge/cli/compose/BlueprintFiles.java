package org.debforge.cli.compose;

import java.nio.file.Path;
import java.util.function.Function;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.BlueprintLoader;

/**
 * How the compose commands load a blueprint: {@link BlueprintLoader#load}. The in-process tests of
 * resolve and compose swap the loader for one that returns a Blueprint record, so the adapters are
 * tested without depending on the YAML format (tested beside the loader).
 */
final class BlueprintFiles {
  static volatile Function<Path, Blueprint> loader = BlueprintLoader::load;

  private BlueprintFiles() {}

  static Blueprint load(Path file) {
    return loader.apply(file.toAbsolutePath());
  }
}
