package org.debforge.debmock.plugins.ccache;

import com.google.auto.service.AutoService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.debmock.cache.DepsLayerCache;
import org.debforge.debmock.plugin.api.Buildroot;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;
import org.debforge.debmock.plugin.api.SharedCacheDir;

/**
 * Mock's {@code ccache}: a per-config compiler cache on the host, bound at {@code
 * /var/cache/ccache} in the root, with {@code /usr/lib/ccache} first in dpkg-buildpackage's PATH.
 * ccache is installed in the root when the root lacks it, right after the build dependencies, so a
 * cached deps layer stays keyed by the package's own Build-Depends. Off by default, as in Mock: a
 * compiler cache trades clean-room purity for speed.
 */
@AutoService(DebMockPlugin.class)
public final class CcachePlugin implements DebMockPlugin<CcachePlugin.Options> {
  public static final String NAME = "ccache";

  /** Where the cache appears in the root. */
  public static final String IN_ROOT = "/var/cache/ccache";

  /**
   * @param maxCacheSize ccache's max_size (ccache's own size syntax: 5G, 500M)
   * @param dir the host directory; empty means {@code CACHE/ccache/<config>}
   * @param compress ccache's compression
   */
  public record Options(
      @Doc(value = "ccache's max_size", type = "size") String maxCacheSize,
      @Doc("Host directory of the cache (default CACHE/ccache/<config>)") String dir,
      @Doc("ccache's compression") boolean compress) {
    public static final Options DEFAULTS = new Options("4G", "", true);

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
    return "Per-config compiler cache (ccache) bound into the root, PATH set for the build";
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public Options defaultOptions() {
    return Options.DEFAULTS;
  }

  @Override
  public void register(HookRegistrar hooks, Options options) {
    hooks.on(HookStage.POSTINIT, c -> shareCache(c, options));
  }

  private static void shareCache(HookContext c, Options o) throws Exception {
    Buildroot root = c.buildroot();
    Path dir =
        o.dir().isEmpty()
            ? root.cacheDir().resolve("ccache").resolve(c.chrootName())
            : Path.of(o.dir());
    SharedCacheDir cache = root.sharedCacheDir(dir);
    // Concurrent builds of one config share the directory: one writes the config at a time.
    cache.locked(
        () -> {
          Files.writeString(
              dir.resolve("ccache.conf"),
              "max_size = "
                  + o.ccacheMaxSize()
                  + "\ncompression = "
                  + o.compress()
                  + "\n# the build path differs per build; hash relative paths\nhash_dir = false\n");
          Files.setAttribute(dir, "unix:uid", root.buildUid());
          Files.setAttribute(dir, "unix:gid", root.buildUid());
          return null;
        });
    root.bindMount(dir, IN_ROOT, false, "plugin_conf." + NAME + ".dir");
    root.setBuildEnv("CCACHE_DIR", IN_ROOT);
    root.prependPath("/usr/lib/ccache");
    // After the build dependencies, so a cached deps layer stays keyed by Build-Depends alone.
    root.installAfterBuildDeps(NAME, List.of("ccache"));
  }
}
