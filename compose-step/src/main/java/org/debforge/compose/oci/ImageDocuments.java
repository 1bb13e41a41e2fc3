package org.debforge.compose.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OCI image-spec's JSON documents of a one-layer image: config, manifest, index and the layout
 * marker. Written compact with keys in a fixed order, so the same image gives the same digests.
 */
final class ImageDocuments {
  private ImageDocuments() {}

  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  private static final ObjectMapper JSON = new ObjectMapper();

  static byte[] bytes(Object doc) {
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The image config: what fedora-bootc's own Containerfile sets (systemd as the command, its stop
   * signal, {@code container=oci}) and the labels bootc and podman look for.
   */
  static Map<String, Object> config(
      Platform platform,
      Instant created,
      Map<String, String> labels,
      String diffId,
      String createdBy) {
    Map<String, Object> exec = new LinkedHashMap<>();
    exec.put(
        "Env",
        List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "container=oci"));
    exec.put("Cmd", List.of("/sbin/init"));
    exec.put("Labels", new TreeMap<>(labels));
    exec.put("StopSignal", "SIGRTMIN+3");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("created", created.toString());
    c.put("architecture", platform.architecture());
    platform.variant().ifPresent(v -> c.put("variant", v));
    c.put("os", "linux");
    c.put("config", exec);
    // Not Map.of: its iteration order changes from one JVM run to the next, and so would the
    // digest.
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", List.of(diffId));
    c.put("rootfs", rootfs);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("created", created.toString());
    h.put("created_by", createdBy);
    c.put("history", List.of(h));
    return c;
  }

  static Map<String, Object> descriptor(String mediaType, Blobs.Blob b) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", b.digest());
    d.put("size", b.size());
    return d;
  }

  static Map<String, Object> manifest(
      Blobs.Blob config, Blobs.Blob layer, Map<String, String> annotations) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", MANIFEST);
    m.put("config", descriptor(CONFIG, config));
    m.put("layers", List.of(descriptor(LAYER, layer)));
    if (!annotations.isEmpty()) {
      m.put("annotations", new TreeMap<>(annotations));
    }
    return m;
  }

  static Map<String, Object> index(Blobs.Blob manifest, Platform platform, String tag) {
    Map<String, Object> d = descriptor(MANIFEST, manifest);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("architecture", platform.architecture());
    p.put("os", "linux");
    platform.variant().ifPresent(v -> p.put("variant", v));
    d.put("platform", p);
    d.put("annotations", Map.of(REF_NAME, tag));
    Map<String, Object> i = new LinkedHashMap<>();
    i.put("schemaVersion", 2);
    i.put("mediaType", INDEX);
    i.put("manifests", List.of(d));
    return i;
  }

  static Map<String, Object> layoutMarker() {
    return Map.of("imageLayoutVersion", "1.0.0");
  }
}
