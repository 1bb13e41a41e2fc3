package org.debforge.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.junit.jupiter.api.Test;

class XdgDirsTest {
  @Test
  void homeGivesTheDefaults() {
    XdgDirs d = new XdgDirs(Map.of("HOME", "/home/jenkins"));
    assertThat(d.configHome()).isEqualTo(Path.of("/home/jenkins/.config"));
    assertThat(d.dataHome()).isEqualTo(Path.of("/home/jenkins/.local/share"));
    assertThat(d.cacheHome()).isEqualTo(Path.of("/home/jenkins/.cache"));
  }

  @Test
  void xdgVariablesWinWhenAbsolute() {
    XdgDirs d =
        new XdgDirs(
            Map.of(
                "HOME", "/h",
                "XDG_CONFIG_HOME", "/c",
                "XDG_DATA_HOME", "relative/data",
                "XDG_CACHE_HOME", " "));
    assertThat(d.configHome()).isEqualTo(Path.of("/c"));
    assertThat(d.dataHome()).isEqualTo(Path.of("/h/.local/share"));
    assertThat(d.cacheHome()).isEqualTo(Path.of("/h/.cache"));
  }

  @Test
  void neitherIsAConfigErrorNamingBoth() {
    assertThatThrownBy(() -> new XdgDirs(Map.of()).cacheHome())
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("XDG_CACHE_HOME")
        .hasMessageContaining("HOME");
  }
}
