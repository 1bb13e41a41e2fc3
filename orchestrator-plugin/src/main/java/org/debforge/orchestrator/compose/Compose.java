package org.debforge.orchestrator.compose;

import java.time.Instant;
import java.util.List;

/** A compose record: its metadata as imported, who imported it and when. */
public record Compose(
    long id,
    ComposeMetadata metadata,
    List<ComposePackage> packages,
    String importedBy,
    Instant importedAt) {
  public Compose {
    packages = List.copyOf(packages);
  }

  public String composeId() {
    return metadata.composeId();
  }

  /** How many lock packages are builds of this store. */
  public long linkedPackages() {
    return packages.stream().filter(p -> p.buildId() != null).count();
  }
}
