package org.debforge.compose.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageOptionsTest {
  @Test
  void defaultsAreBothFormatsAComputedSizeAndNoBootTest() {
    ImageOptions o = ImageOptions.parse(Map.of()).options().orElseThrow();
    assertThat(o.formats()).containsExactly(ImageOptions.Format.RAW, ImageOptions.Format.QCOW2);
    assertThat(o.size()).isEmpty();
    assertThat(o.testMarker()).isEmpty();
    assertThat(o.testTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void optionsAreRead() {
    ImageOptions o =
        ImageOptions.parse(
                Map.of(
                    "formats", "qcow2",
                    "size", "4G",
                    "test-marker", "BOOTED OK",
                    "test-timeout", "300"))
            .options()
            .orElseThrow();
    assertThat(o.formats()).containsExactly(ImageOptions.Format.QCOW2);
    assertThat(o.size()).isEqualTo(Optional.of(4L << 30));
    assertThat(o.testMarker()).contains("BOOTED OK");
    assertThat(o.testTimeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(ImageOptions.parse(Map.of("size", "3500M")).options().orElseThrow().size())
        .contains(3500L << 20);
  }

  @Test
  void everyProblemIsReportedAtOnceNamingTheOption() {
    List<String> p =
        ImageOptions.parse(
                Map.of(
                    "formats", "raw,vmdk,raw",
                    "size", "4TB",
                    "test-timeout", "ten",
                    "ref", "x"))
            .problems();
    assertThat(p)
        .anyMatch(s -> s.startsWith("ref: unknown option"))
        .anyMatch(s -> s.startsWith("formats: 'vmdk' is not a format"))
        .anyMatch(s -> s.startsWith("formats: 'raw' is not a format, or is listed twice"))
        .anyMatch(s -> s.startsWith("size: '4TB' is not a size"))
        .anyMatch(s -> s.startsWith("test-timeout: 'ten' is not a number"))
        .anyMatch(s -> s.startsWith("test-timeout: given without test-marker"));
    assertThat(ImageOptions.parse(Map.of("size", "100M")).problems())
        .containsExactly("size: 100M is below the smallest disk, 256M");
    assertThat(ImageOptions.parse(Map.of("test-marker", " x")).problems())
        .singleElement()
        .asString()
        .startsWith("test-marker: printable ASCII");
    assertThat(ImageOptions.parse(Map.of("formats", "")).problems()).hasSize(1);
  }
}
