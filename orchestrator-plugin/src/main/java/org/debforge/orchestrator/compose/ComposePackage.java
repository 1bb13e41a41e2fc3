package org.debforge.orchestrator.compose;

/**
 * A lock package as stored, with the build of this store that holds a .deb of the same sha256
 * (null: none, e.g. a package from Debian's mirror).
 *
 * @param build the build's {@code SOURCE_VERSION}, or null
 */
public record ComposePackage(LockPackage lock, Long buildId, String build) {}
