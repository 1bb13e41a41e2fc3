package org.debforge.compose.blueprint;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A package source of a blueprint. Sources are listed in pin order: the first one wins. */
public sealed interface SourceSpec {
  /** A short name for logs, the lock's {@code source} column and packages.json. */
  String name();

  /**
   * A Debian archive suite.
   *
   * @param mirror the archive's base URI; empty means the host's mirror ({@code DEBIAN_MIRROR},
   *     then the host's apt sources)
   * @param suite the suite (defaults to the blueprint's suite)
   * @param components components to read (default {@code main})
   * @param keyring the keyring its Release is verified with (default Debian's archive keyring)
   */
  record Mirror(
      String name, Optional<URI> mirror, String suite, List<String> components, Path keyring)
      implements SourceSpec {
    public Mirror {
      components = List.copyOf(components);
    }
  }

  /**
   * A deb-orchestrator tag's published repository: {@code orchestrator:TAG} or {@code
   * orchestrator:TAG@SNAPSHOT}.
   *
   * @param tag the tag name
   * @param snapshot the tag snapshot id; empty means the tag's current publication
   * @param server a server URL; empty means the local store (the CLI's default store)
   * @param keyring the key the publication is verified with; empty means the store's own key
   */
  record Orchestrator(
      String name,
      String tag,
      Optional<String> snapshot,
      Optional<URI> server,
      Optional<Path> keyring)
      implements SourceSpec {}
}
