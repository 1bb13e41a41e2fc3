package org.debforge.core.arch;

import java.util.Objects;

/**
 * dpkg's architecture tuple {@code abi-libc-os-cpu} (e.g. {@code base-gnu-linux-amd64} for amd64,
 * {@code eabihf-gnu-linux-arm} for armhf). A part may be {@code any} in a wildcard.
 */
public record ArchTuple(String abi, String libc, String os, String cpu) {
  public ArchTuple {
    Objects.requireNonNull(abi, "abi");
    Objects.requireNonNull(libc, "libc");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(cpu, "cpu");
  }

  static ArchTuple of(String text) {
    String[] p = text.split("-", 4);
    if (p.length != 4) {
      throw new IllegalArgumentException("not an abi-libc-os-cpu tuple: " + text);
    }
    return new ArchTuple(p[0], p[1], p[2], p[3]);
  }

  /** Whether this wildcard tuple covers {@code real}: each part equal or {@code any}. */
  public boolean covers(ArchTuple real) {
    return part(abi, real.abi) && part(libc, real.libc) && part(os, real.os) && part(cpu, real.cpu);
  }

  private static boolean part(String wildcard, String real) {
    return wildcard.equals("any") || wildcard.equals(real);
  }

  @Override
  public String toString() {
    return abi + "-" + libc + "-" + os + "-" + cpu;
  }
}
