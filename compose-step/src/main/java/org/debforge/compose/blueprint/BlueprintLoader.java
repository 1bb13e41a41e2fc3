package org.debforge.compose.blueprint;

import java.nio.file.Path;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * PLACEHOLDER written on the compose-core branch so that the CLI compiles against the one static
 * method the blueprint developer's loader provides: {@code BlueprintLoader.load(Path)}. The merge
 * replaces this whole file with the real loader; nothing else depends on its body.
 */
public final class BlueprintLoader {
  private BlueprintLoader() {}

  /** Loads a blueprint file (with its includes). Placeholder: always fails. */
  public static Blueprint load(Path file) {
    throw new DebforgeException(
        ErrorKind.INTERNAL,
        file + ": blueprint loading is not part of this build yet (BlueprintLoader placeholder)",
        "build from a branch where the blueprint loader is merged");
  }
}
