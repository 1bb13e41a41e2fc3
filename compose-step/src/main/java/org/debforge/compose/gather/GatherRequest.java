package org.debforge.compose.gather;

import java.util.List;

/**
 * What to resolve for one architecture.
 *
 * @param packages apt-style requests ({@code name}, {@code name=version}, {@code name:arch})
 * @param exclude names never to install
 * @param required add every Essential: yes and Priority: required package (mmdebstrap's required
 *     set)
 * @param recommends install Recommends
 */
public record GatherRequest(
    String arch,
    List<String> packages,
    List<String> exclude,
    boolean required,
    boolean recommends) {
  public GatherRequest {
    packages = List.copyOf(packages);
    exclude = List.copyOf(exclude);
  }
}
