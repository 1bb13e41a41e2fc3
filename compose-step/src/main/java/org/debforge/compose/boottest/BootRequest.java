package org.debforge.compose.boottest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One image to boot.
 *
 * @param image the disk image (booted with {@code snapshot=on}: the deliverable is never written),
 *     or a live ISO
 * @param format QEMU's name of a disk's format ({@code raw}, {@code qcow2}): booted by UEFI (OVMF);
 *     or {@code iso}: a live ISO booted from a CD-ROM by the BIOS (SeaBIOS, isolinux)
 * @param marker the text a line of the serial console must hold for the boot to pass
 * @param timeout how long to wait for it
 * @param serialLog where the serial console is written (kept: attached to a failure)
 * @param work scratch for the firmware's variable store
 * @param log QEMU's own output and the command line
 */
public record BootRequest(
    Path image,
    String format,
    String marker,
    Duration timeout,
    Path serialLog,
    Path work,
    Path log) {
  /** The format of a live ISO. */
  public static final String ISO = "iso";

  public BootRequest {
    Objects.requireNonNull(image, "image");
    if (!format.equals("raw") && !format.equals("qcow2") && !format.equals(ISO)) {
      throw new IllegalArgumentException("format: " + format);
    }
    if (marker.isBlank()) {
      throw new IllegalArgumentException("marker: blank");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout);
    }
  }

  /** Whether this boots a live ISO from a CD-ROM (BIOS) rather than a disk (UEFI). */
  public boolean iso() {
    return format.equals(ISO);
  }
}
