package org.debforge.debmock.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An extra APT source a config adds to the build root, in deb822 terms.
 *
 * @param signedBy the OpenPGP key file on the host that signs this archive, or null when the
 *     archive is signed by a key the root already trusts
 */
public record AptSource(
    List<String> types, String uris, List<String> suites, List<String> components, Path signedBy) {
  public AptSource {
    types = List.copyOf(types);
    Objects.requireNonNull(uris, "uris");
    suites = List.copyOf(suites);
    components = List.copyOf(components);
  }

  /** The source as a deb822 stanza for /etc/apt/sources.list.d, with the key at {@code keyPath}. */
  public String toDeb822(String keyPath) {
    StringBuilder sb = new StringBuilder();
    sb.append("Types: ").append(String.join(" ", types)).append('\n');
    sb.append("URIs: ").append(uris).append('\n');
    sb.append("Suites: ").append(String.join(" ", suites)).append('\n');
    if (!components.isEmpty()) {
      sb.append("Components: ").append(String.join(" ", components)).append('\n');
    }
    if (keyPath != null) {
      sb.append("Signed-By: ").append(keyPath).append('\n');
    }
    return sb.toString();
  }
}
