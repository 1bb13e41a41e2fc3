package org.debforge.compose.pkgset;

import java.nio.file.Path;

/**
 * One verified Packages index: a source's component for one architecture.
 *
 * @param file the index as downloaded (compressed as listed), in the content cache
 */
public record SourceIndex(PackageSource source, String component, String arch, Path file) {}
