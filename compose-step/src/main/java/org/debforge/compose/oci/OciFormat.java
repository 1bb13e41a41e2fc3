package org.debforge.compose.oci;

import java.util.Arrays;
import java.util.Optional;

/** How the image is handed over: an OCI image layout folder, or that folder as a tar. */
public enum OciFormat {
  /** skopeo's {@code oci:DIR:TAG}. */
  OCI_DIR("oci-dir", "oci:"),
  /** skopeo's {@code oci-archive:FILE:TAG}; Pungi's ostree_container phase's {@code ociarchive}. */
  OCI_ARCHIVE("oci-archive", "oci-archive:");

  private final String key;
  private final String transport;

  OciFormat(String key, String transport) {
    this.key = key;
    this.transport = transport;
  }

  /** The name in a blueprint's {@code format} option. */
  public String key() {
    return key;
  }

  /** The image's reference for skopeo and podman: {@code oci:PATH:TAG}. */
  public String reference(java.nio.file.Path path, String tag) {
    return transport + path.toAbsolutePath() + ":" + tag;
  }

  public static Optional<OciFormat> of(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }
}
