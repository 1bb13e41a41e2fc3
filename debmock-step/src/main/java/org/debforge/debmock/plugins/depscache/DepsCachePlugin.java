package org.debforge.debmock.plugins.depscache;

import com.google.auto.service.AutoService;
import java.util.List;
import org.debforge.debmock.cache.DepsLayerCache;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.EngineSwitchPlugin;
import org.debforge.debmock.plugin.api.PluginOption;

/**
 * {@code deps_cache}: keeps the build root's layer after the build dependencies are installed, as a
 * read-only overlay layer keyed by the base root and the exact package set apt resolves ({@code
 * apt-get build-dep -s}); a later build resolving the same set stacks that layer and skips apt.
 *
 * <p>The engine does the work, switched on by this plugin being enabled, because no hook can do it:
 * hooks get a read-only context and cannot change the overlay's lower layers between commands, nor
 * tell the engine to skip the apt install. The plugin is the switch and the place for its options,
 * so it is listed, documented and disabled like any other ({@code --disable-plugin=deps_cache}).
 * {@code --scrub=deps-cache} removes the layers.
 */
@AutoService(DebMockPlugin.class)
public final class DepsCachePlugin extends EngineSwitchPlugin<DepsCachePlugin.Options> {
  public static final String NAME = "deps_cache";

  /**
   * @param maxSize bytes the layers of one config may take together (e.g. {@code 10G}); least
   *     recently used layers are removed beyond it
   */
  public record Options(String maxSize) {
    public Options {
      DepsLayerCache.parseSize(maxSize);
    }

    public long maxBytes() {
      return DepsLayerCache.parseSize(maxSize);
    }
  }

  public DepsCachePlugin() {
    super(
        NAME,
        "Reuse installed build dependencies as a cached overlay layer (keyed by apt's resolution)",
        true,
        Options.class,
        new Options("10G"),
        List.of(
            new PluginOption(
                "max_size",
                "size",
                "10G",
                "Total size of one config's deps layers; least recently used ones are evicted")));
  }
}
