package org.debforge.compose.metadata;

/**
 * One deliverable file of a compose, as productmd's images.json lists it.
 *
 * @param path relative to the compose's {@code compose/} folder
 * @param format the file format ({@code tar.zst})
 * @param type what it is ({@code rootfs})
 * @param mtime the file's modification time (seconds since the epoch), as productmd records it
 * @param bootable whether firmware boots it (a disk image), as productmd's {@code bootable}
 */
public record Image(
    String variant,
    String arch,
    String path,
    long size,
    String sha256,
    String format,
    String type,
    long mtime,
    boolean bootable) {
  /** A file nothing boots (a root tarball, an OCI archive). */
  public Image(
      String variant,
      String arch,
      String path,
      long size,
      String sha256,
      String format,
      String type,
      long mtime) {
    this(variant, arch, path, size, sha256, format, type, mtime, false);
  }
}
