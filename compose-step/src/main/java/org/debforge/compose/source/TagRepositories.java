package org.debforge.compose.source;

import org.debforge.compose.blueprint.SourceSpec;

/**
 * Finds the published APT repository of a deb-orchestrator tag (or tag snapshot). The compose
 * engine does not know deb-orchestrator: the host (the CLI) hands it an implementation that reads
 * the store or asks the server.
 */
@FunctionalInterface
public interface TagRepositories {
  /**
   * The tag's repository.
   *
   * @throws org.debforge.core.DebforgeException NOT_FOUND when the tag, the snapshot or its
   *     publication does not exist, naming it
   */
  AptRepository resolve(SourceSpec.Orchestrator tag);

  /** For blueprints without orchestrator sources: every lookup is an error. */
  TagRepositories NONE =
      tag -> {
        throw new org.debforge.core.DebforgeException(
            org.debforge.core.ErrorKind.CONFIG,
            "source '" + tag.name() + "': no deb-orchestrator store or server is configured",
            "pass --store DIR or --server URL to read orchestrator:" + tag.tag());
      };
}
