package org.debforge.ostree.layer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a layer is made of.
 *
 * @param base the base commit (a compose's commit, never a layered one)
 * @param requested package requests to install on it ({@code name[:arch][=version]})
 * @param removals base packages to remove ({@code override remove})
 * @param sources the APT sources; empty: the base commit's {@code debforge.lock} sources
 * @param keyring the keyring the sources' Release files are checked with
 * @param cache where indexes and .debs are kept between runs
 * @param cacheOnly use only what the cache holds (no network)
 * @param version the version the layered commit carries (the base's, as rpm-ostree keeps it)
 */
public record LayerRequest(
    String base,
    List<String> requested,
    List<String> removals,
    List<AptSource> sources,
    Path keyring,
    Path cache,
    boolean cacheOnly,
    Optional<String> version) {
  public LayerRequest {
    requested = List.copyOf(requested);
    removals = List.copyOf(removals);
    sources = List.copyOf(sources);
  }
}
