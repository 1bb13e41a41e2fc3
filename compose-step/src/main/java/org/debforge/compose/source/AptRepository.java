package org.debforge.compose.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a source's indexes and .debs are read from: an APT repository with a signed Release.
 *
 * @param base the repository's base ({@code http(s)://} or {@code file:}), the folder holding
 *     {@code dists/} and {@code pool/}
 * @param suite the suite under {@code dists/}
 * @param components the components to read
 * @param keyring the keyring its InRelease must verify with
 */
public record AptRepository(URI base, String suite, List<String> components, Path keyring) {
  public AptRepository {
    components = List.copyOf(components);
  }
}
