package org.debforge.orchestrator.compose;

/**
 * One package of a compose's lock ({@code metadata/lock.json}, schema 1): what was installed, from
 * which of the lock's sources. Checked by {@link ComposeMetadataReader}, which names the field.
 *
 * @param source the name of one of the lock's {@link LockSource}s
 * @param filename where the source's pool holds the .deb; recorded, never opened
 */
public record LockPackage(
    String name,
    String version,
    String arch,
    String sha256,
    long size,
    String source,
    String filename) {}
