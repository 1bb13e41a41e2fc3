package org.debforge.debmock.build.orig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gbp's own doctests of version_to_tag and _sanitize_version, as the finder must name tags. */
class UpstreamTagTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "debian/%(version)s|0:0~0|debian/0%0_0",
        "libfoo-%(hversion)s|1.8.1|libfoo-1-8-1",
        "v%(version%.%_)s|1.2.3|v1_2_3",
        "%(version%-%\\%)s|0-1.2.3|0%1.2.3",
        "upstream/%(version)s|0....0|upstream/0.#.#.#.0",
        "upstream/%(version)s|0.lock|upstream/0.#lock",
        "upstream/%(version)s|2.10|upstream/2.10",
      })
  void tagNamesAreGbps(String format, String version, String tag) {
    assertThat(UpstreamTag.name(format, version)).isEqualTo(tag);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"../tarballs/%(version)s|1.0~rc1|../tarballs/1.0~rc1"})
  void pathsKeepTheVersionAsItIs(String format, String version, String path) {
    assertThat(UpstreamTag.path(format, version)).isEqualTo(path);
  }
}
