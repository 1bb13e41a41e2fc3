package org.debforge.debmock.plugins.depscache;

import com.google.auto.service.AutoService;
import org.debforge.debmock.cache.DepsLayerCache;
import org.debforge.debmock.plugin.api.BuildDepsProvider;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * {@code deps_cache}: keeps the build root's layer after the build dependencies are installed, as a
 * read-only overlay layer keyed by the base root and the exact package set apt resolves ({@code
 * apt-get build-dep -s}); a later build resolving the same set stacks that layer and skips apt. It
 * is the {@link BuildDepsProvider} of the builds it is enabled for ({@link DepsLayerProvider}).
 * {@code --scrub=deps-cache} removes the layers.
 */
@AutoService(DebMockPlugin.class)
public final class DepsCachePlugin implements DebMockPlugin<DepsCachePlugin.Options> {
  public static final String NAME = "deps_cache";

  /**
   * @param maxSize bytes the layers of one config may take together (e.g. {@code 10G}); least
   *     recently used layers are removed beyond it
   */
  public record Options(
      @Doc(
              value =
                  "Total size of one config's deps layers; least recently used ones are evicted",
              type = "size")
          String maxSize) {
    public static final Options DEFAULTS = new Options("10G");

    public Options {
      DepsLayerCache.parseSize(maxSize);
    }

    public long maxBytes() {
      return DepsLayerCache.parseSize(maxSize);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Reuse installed build dependencies as a cached overlay layer (keyed by apt's resolution)";
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public Options defaultOptions() {
    return Options.DEFAULTS;
  }

  @Override
  public void register(HookRegistrar hooks, Options options) {
    hooks.provideBuildDeps(new DepsLayerProvider(options.maxBytes()));
  }
}
