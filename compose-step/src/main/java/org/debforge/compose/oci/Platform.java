package org.debforge.compose.oci;

import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A Debian architecture as the OCI image-spec names platforms (Go's GOARCH and its variant), which
 * is what skopeo, podman and bootc match on.
 */
public record Platform(String architecture, Optional<String> variant) {
  private static final Map<String, Platform> DEBIAN =
      Map.of(
          "amd64", new Platform("amd64", Optional.empty()),
          "arm64", new Platform("arm64", Optional.of("v8")),
          "armhf", new Platform("arm", Optional.of("v7")),
          "armel", new Platform("arm", Optional.of("v5")),
          "i386", new Platform("386", Optional.empty()),
          "ppc64el", new Platform("ppc64le", Optional.empty()),
          "s390x", new Platform("s390x", Optional.empty()),
          "riscv64", new Platform("riscv64", Optional.empty()),
          "mips64el", new Platform("mips64le", Optional.empty()));

  public static Platform of(String debianArch) {
    Platform p = DEBIAN.get(debianArch);
    if (p == null) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "oci: architecture '" + debianArch + "' has no OCI platform name here",
          "one of " + new java.util.TreeSet<>(DEBIAN.keySet()));
    }
    return p;
  }
}
