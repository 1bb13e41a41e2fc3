package org.debforge.debmock.plugins.depscache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.Console;
import org.debforge.debmock.plugin.runtime.PluginManager;
import org.debforge.debmock.plugin.runtime.PluginSettings;
import org.debforge.debmock.plugins.aptcache.AptCachePlugin;
import org.junit.jupiter.api.Test;

/** deps_cache and apt_cache as the engine sees them: switches with typed options. */
class CachePluginsTest {
  private static PluginManager load(List<String> disable, List<String> options) {
    return PluginManager.load(
        PluginSettings.builder()
            .defaultDirs(false)
            .disable(disable)
            .pluginOptions(options)
            .console(Console.NULL)
            .build());
  }

  @Test
  void enabledByDefaultWithTheirDefaultOptions() {
    PluginManager m = load(List.of(), List.of());
    assertThat(m.enabledPlugins()).contains("deps_cache", "apt_cache");
    DepsCachePlugin.Options deps =
        (DepsCachePlugin.Options) m.enabledOptions("deps_cache").orElseThrow();
    assertThat(deps.maxBytes()).isEqualTo(10L << 30);
    assertThat(((AptCachePlugin.Options) m.enabledOptions("apt_cache").orElseThrow()).dir())
        .isEmpty();
  }

  @Test
  void commandLineOptionsReachTheEngineAndDisablingTurnsTheFeatureOff() {
    PluginManager m = load(List.of("apt_cache"), List.of("deps_cache:max_size=512M"));
    assertThat(((DepsCachePlugin.Options) m.enabledOptions("deps_cache").orElseThrow()).maxBytes())
        .isEqualTo(512L << 20);
    assertThat(m.enabledOptions("apt_cache")).isEmpty();
  }

  @Test
  void badOptionValuesAreConfigErrorsNamingThePlugin() {
    assertThatThrownBy(() -> load(List.of(), List.of("deps_cache:max_size=lots")))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("deps_cache");
    assertThatThrownBy(() -> load(List.of(), List.of("apt_cache:dir=relative/path")))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("apt_cache");
  }
}
