package org.debforge.compose.gather;

import java.util.List;

/**
 * The resolved set of one architecture.
 *
 * @param requests what was asked for, each with why ({@code blueprint}, {@code Essential: yes},
 *     {@code Priority: required})
 * @param packages sorted by name
 */
public record GatherResult(String arch, List<Request> requests, List<Resolved> packages) {
  public GatherResult {
    requests = List.copyOf(requests);
    packages = List.copyOf(packages);
  }

  /** One request and why it was made. */
  public record Request(String text, String reason) {}
}
