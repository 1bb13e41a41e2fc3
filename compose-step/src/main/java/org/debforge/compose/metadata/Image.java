package org.debforge.compose.metadata;

/**
 * One deliverable file of a compose, as productmd's images.json lists it.
 *
 * @param path relative to the compose's {@code compose/} folder
 * @param format the file format ({@code tar.zst})
 * @param type what it is ({@code rootfs})
 * @param mtime the file's modification time (seconds since the epoch), as productmd records it
 */
public record Image(
    String variant,
    String arch,
    String path,
    long size,
    String sha256,
    String format,
    String type,
    long mtime) {}
