package org.debforge.compose.metadata;

/**
 * One deliverable file of a compose, as productmd's images.json lists it.
 *
 * @param path relative to the compose's {@code compose/} folder
 * @param format the file format ({@code tar.zst})
 * @param type what it is ({@code rootfs})
 * @param mtime the file's modification time (seconds since the epoch), as productmd records it
 * @param bootable whether firmware boots it (a disk image, a live ISO), as productmd's {@code
 *     bootable}
 * @param volumeId the ISO 9660 volume id of an ISO, else null
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
    boolean bootable,
    String volumeId) {
  /** A file that does not boot and has no volume id (a root as tar.zst). */
  public Image(
      String variant,
      String arch,
      String path,
      long size,
      String sha256,
      String format,
      String type,
      long mtime) {
    this(variant, arch, path, size, sha256, format, type, mtime, false, null);
  }
}
