package org.debforge.compose.blueprint;

import java.util.List;

/** What one architecture adds to the blueprint's common lists ({@code arches: {arm64: ...}}). */
public record ArchSection(List<String> packages, List<String> exclude) {
  public ArchSection {
    packages = List.copyOf(packages);
    exclude = List.copyOf(exclude);
  }
}
