package org.debforge.compose.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/** Copies a made image elsewhere (a registry, usually) with skopeo, the tool podman's copy is. */
public final class Skopeo {
  private Skopeo() {}

  /** skopeo's transports a destination may name; a registry is {@code docker://HOST/NAME:TAG}. */
  public static final List<String> TRANSPORTS =
      List.of(
          "docker://", "oci:", "oci-archive:", "dir:", "docker-archive:", "containers-storage:");

  public static boolean isDestination(String d) {
    return TRANSPORTS.stream().anyMatch(t -> d.startsWith(t) && d.length() > t.length());
  }

  /**
   * {@code skopeo copy IMAGE DEST}, with {@code --dest-tls-verify=false} when asked (a test
   * registry over plain HTTP); the image's manifest digest is kept as it is.
   */
  public static void copy(OciImage image, String destination, boolean tlsVerify, ToolLog log) {
    List<String> c = new ArrayList<>(List.of("skopeo", "copy", "--preserve-digests"));
    if (!tlsVerify) {
      c.add("--dest-tls-verify=false");
    }
    c.add(image.reference());
    c.add(destination);
    // HOME for skopeo's auth file ($XDG_RUNTIME_DIR/containers/auth.json or ~/.docker).
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    if (log.run(c, env) != 0) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "oci: skopeo could not copy "
              + image.reference()
              + " to "
              + destination
              + "; see "
              + log.file()
              + log.tail(),
          "check the destination, its credentials (skopeo login) and tls-verify");
    }
  }
}
