package org.debforge.compose.lock;

import java.util.List;

/**
 * One source of a lock, as lock.json's {@code sources} lists it.
 *
 * @param kind {@code mirror} or {@code orchestrator}
 * @param uri the repository base the .debs were read from
 * @param tag the deb-orchestrator tag (orchestrator sources only), else null
 * @param snapshot the tag snapshot (when one was named), else null
 */
public record LockSource(
    String name,
    String kind,
    String uri,
    String suite,
    List<String> components,
    String tag,
    String snapshot) {
  public LockSource {
    components = List.copyOf(components);
    if (!kind.equals("mirror") && !kind.equals("orchestrator")) {
      throw new IllegalArgumentException("source kind is mirror or orchestrator, not " + kind);
    }
  }
}
