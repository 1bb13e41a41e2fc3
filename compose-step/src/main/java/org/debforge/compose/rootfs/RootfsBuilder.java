package org.debforge.compose.rootfs;

/** Makes a compose's root filesystem with mmdebstrap from its exact-set repository. */
public final class RootfsBuilder {
  /**
   * Builds the root at {@code request.target()}: installed packages equal the lock exactly.
   *
   * @return the root folder
   * @throws org.debforge.core.DebforgeException COMPOSE_FAILED naming the step and the log
   */
  public java.nio.file.Path build(RootfsRequest request) {
    throw new UnsupportedOperationException("rootfs: not written yet");
  }
}
