package org.debforge.compose.lock;

/**
 * One package of a compose's lock: exactly what is installed, and where it came from.
 *
 * @param name the package name
 * @param version the exact version
 * @param arch the package's architecture ({@code all} for architecture-independent ones)
 * @param sha256 the .deb's SHA-256 as its index lists it
 * @param size the .deb's size in bytes
 * @param source the blueprint source name it was taken from
 * @param filename the .deb's path relative to that source's base ({@code pool/...})
 */
public record LockedPackage(
    String name,
    String version,
    String arch,
    String sha256,
    long size,
    String source,
    String filename) {}
