package org.debforge.orchestrator.compose;

import java.util.List;

/**
 * One source a compose read packages from: a Debian mirror suite, or a deb-orchestrator tag's
 * published repository ({@code kind} orchestrator, with {@code tag} and the {@code snapshot} the
 * blueprint named, null for the live suite).
 */
public record LockSource(
    String name,
    String kind,
    String uri,
    String suite,
    List<String> components,
    String tag,
    String snapshot) {
  public static final String MIRROR = "mirror";
  public static final String ORCHESTRATOR = "orchestrator";

  public LockSource {
    components = List.copyOf(components);
  }
}
