package org.debforge.compose.ostree;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A commit the ostree phase made.
 *
 * @param checksum the commit's SHA-256
 * @param ref the branch now pointing at it
 * @param version its {@code version} metadata
 * @param parent the parent commit, when there was one
 * @param kernel the kernel version under {@code /usr/lib/modules}, empty for a tree without one
 * @param delta whether a static delta from the parent was generated
 * @param repo the repository holding it
 */
public record OstreeCommit(
    String checksum,
    String ref,
    String version,
    Optional<String> parent,
    Optional<String> kernel,
    boolean delta,
    Path repo) {}
