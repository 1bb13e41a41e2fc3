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
    List<BuildFile> files,
    List<BuildPart> parts) {
  public Build {
    architectures = List.copyOf(architectures);
    binaries = List.copyOf(binaries);
    files = List.copyOf(files);
    parts = List.copyOf(parts);
  }

  /** A build without its per-architecture parts (a listing, or one read from a list row). */
  public Build(
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
    this(
        id,
        source,
        version,
        state,
        architectures,
        binaries,
        distribution,
        changes,
        contentSha256,
        provenance,
        files,
        List.of());
  }

  /** This build with its parts. */
  public Build withParts(List<BuildPart> parts) {
    return new Build(
        id,
        source,
        version,
        state,
        architectures,
        binaries,
        distribution,
        changes,
        contentSha256,
        provenance,
        files,
        parts);
  }

  /** This build with its file list (records are read first, their files in a second query). */
  public Build withFiles(List<BuildFile> files) {
    return new Build(
        id,
        source,
        version,
        state,
        architectures,
        binaries,
        distribution,
        changes,
        contentSha256,
        provenance,
        files,
        parts);
  }

  /** The part of this architecture key, if the build has one. */
  public java.util.Optional<BuildPart> part(String arch) {
    return parts.stream().filter(p -> p.arch().equals(arch)).findFirst();
  }

  /** {@code source_version}, the name a build goes by in tags and history. */
  public String nvr() {
    return source + "_" + version;
  }
}
