package org.debforge.compose.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.debforge.compose.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * The OCI documents we write, byte for byte (their digests are the image's identity): golden files
 * for an amd64 and an arm64 image. skopeo and umoci reading them is OciBuilderTest's.
 */
class ImageDocumentsTest {
  static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
  static final Blobs.Blob CONFIG = new Blobs.Blob("sha256:" + "c".repeat(64), 1234);
  static final Blobs.Blob LAYER = new Blobs.Blob("sha256:" + "1".repeat(64), 262236160);
  static final Blobs.Blob MANIFEST = new Blobs.Blob("sha256:" + "d".repeat(64), 567);

  static String text(Object doc) {
    return new String(ImageDocuments.bytes(doc), StandardCharsets.UTF_8) + "\n";
  }

  @Test
  void configManifestAndIndexAsGoldenFiles() throws Exception {
    Map<String, String> labels =
        Map.of(
            "containers.bootc", "1",
            "ostree.bootable", "1",
            "org.opencontainers.image.version", "12.20261203.0");
    String all =
        text(
                ImageDocuments.config(
                    Platform.of("arm64"), T, labels, "sha256:" + "2".repeat(64), "tumbi-assembler"))
            + text(
                ImageDocuments.manifest(
                    CONFIG, LAYER, Map.of("org.opencontainers.image.created", T.toString())))
            + text(ImageDocuments.index(MANIFEST, Platform.of("amd64"), "12.20261203.0"))
            + text(ImageDocuments.layoutMarker());
    assertThat(all).isEqualTo(Golden.read(getClass(), "documents.golden", all));
  }

  @Test
  void debianArchitecturesAsOciPlatforms() {
    assertThat(Platform.of("amd64")).isEqualTo(new Platform("amd64", Optional.empty()));
    assertThat(Platform.of("arm64")).isEqualTo(new Platform("arm64", Optional.of("v8")));
    assertThat(Platform.of("armhf")).isEqualTo(new Platform("arm", Optional.of("v7")));
    assertThat(Platform.of("i386")).isEqualTo(new Platform("386", Optional.empty()));
    assertThat(Platform.of("ppc64el")).isEqualTo(new Platform("ppc64le", Optional.empty()));
  }
}
