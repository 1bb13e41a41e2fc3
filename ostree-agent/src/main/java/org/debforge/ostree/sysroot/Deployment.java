package org.debforge.ostree.sysroot;

import java.nio.file.Path;

/**
 * One deployment as the bootloader lists it.
 *
 * @param index its place in the boot menu: 0 is the default
 * @param serial ostree's number for several deployments of one commit
 * @param dir {@code ostree/deploy/OS/deploy/CSUM.SERIAL}
 * @param booted whether the running system booted it (never for an offline sysroot)
 */
public record Deployment(
    int index,
    String osname,
    String checksum,
    int serial,
    Path dir,
    Origin origin,
    BootEntry entry,
    boolean booted) {

  /** rpm-ostree's id: {@code OS-CSUM.SERIAL}. */
  public String id() {
    return osname + "-" + checksum + "." + serial;
  }

  public Path originFile() {
    return dir.resolveSibling(dir.getFileName() + ".origin");
  }
}
