package org.debforge.orchestrator.build;

import java.util.List;

/**
 * One imported build: a source package at one version, with every file it produced. Debian's {@code
 * source_version} plays the role of Koji's NVR.
 */
public record Build(
    long id,
    String source,
    String version,
    BuildState state,
    List<String> architectures,
    List<String> binaries,
    String distribution,
    String changes,
    String contentSha256,
    Provenance provenance,
    List<BuildFile> files) {
  public Build {
    architectures = List.copyOf(architectures);
    binaries = List.copyOf(binaries);
    files = List.copyOf(files);
  }

  /** {@code source_version}, the name a build goes by in tags and history. */
  public String nvr() {
    return source + "_" + version;
  }
}
