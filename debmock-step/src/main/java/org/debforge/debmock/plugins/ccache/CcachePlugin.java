package org.debforge.debmock.plugins.ccache;

import com.google.auto.service.AutoService;
import java.util.List;
import org.debforge.debmock.cache.DepsLayerCache;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.EngineSwitchPlugin;
import org.debforge.debmock.plugin.api.PluginOption;

/**
 * Mock's {@code ccache}: a per-config compiler cache on the host, bound at {@code
 * /var/cache/ccache} in the root, with {@code /usr/lib/ccache} first in dpkg-buildpackage's PATH.
 * ccache is installed in the root when the root lacks it (after the build dependencies, so the deps
 * layer stays keyed by the package's own Build-Depends). Off by default, as in Mock: a compiler
 * cache trades clean-room purity for speed.
 */
@AutoService(DebMockPlugin.class)
public final class CcachePlugin extends EngineSwitchPlugin<CcachePlugin.Options> {
  public static final String NAME = "ccache";

  /** Where the cache appears in the root. */
  public static final String IN_ROOT = "/var/cache/ccache";

  /**
   * @param maxCacheSize ccache's max_size (ccache's own size syntax: 5G, 500M)
   * @param dir the host directory; empty means {@code CACHE/ccache/<config>}
   * @param compress ccache's compression
   */
  public record Options(String maxCacheSize, String dir, boolean compress) {
    public Options {
      if (DepsLayerCache.parseSize(maxCacheSize) == 0) {
        throw new IllegalArgumentException("max_cache_size must be more than 0");
      }
      if (dir == null || (!dir.isEmpty() && !dir.startsWith("/"))) {
        throw new IllegalArgumentException("dir must be an absolute path or empty: " + dir);
      }
    }

    /** The size as ccache's {@code max_size} wants it (whole MiB, with its suffix). */
    public String ccacheMaxSize() {
      return (DepsLayerCache.parseSize(maxCacheSize) >> 20) + "Mi";
    }
  }

  public CcachePlugin() {
    super(
        NAME,
        "Per-config compiler cache (ccache) bound into the root, PATH set for the build",
        false,
        Options.class,
        new Options("4G", "", true),
        List.of(
            new PluginOption("max_cache_size", "size", "4G", "ccache's max_size"),
            new PluginOption(
                "dir", "string", "", "Host directory of the cache (default CACHE/ccache/<config>)"),
            new PluginOption("compress", "bool", "true", "ccache's compression")));
  }
}
