package org.debforge.debmock.plugins.tmpfs;

import com.google.auto.service.AutoService;
import org.debforge.debmock.cache.DepsLayerCache;
import org.debforge.debmock.plugin.api.Buildroot;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Mock's {@code tmpfs}: the build root's directory (its overlay upper layer, work directory and so
 * {@code /build}) on a tmpfs of at most {@code max_fs_size}, asked for at {@code preinit} with
 * {@link Buildroot#mountRootDirAsTmpfs}, before the root is made. When the host has less available
 * memory than {@code required_ram}, or the mount fails, the build goes on disk and root.log says
 * why. A tmpfs root cannot be renamed into the deps cache, so deps_cache copies the layer instead
 * (slower, still once per key).
 */
@AutoService(DebMockPlugin.class)
public final class TmpfsPlugin implements DebMockPlugin<TmpfsPlugin.Options> {
  public static final String NAME = "tmpfs";

  /**
   * @param maxFsSize the tmpfs size limit
   * @param requiredRam the host's MemAvailable needed to use tmpfs at all
   */
  public record Options(
      @Doc(value = "Size limit of the tmpfs", type = "size") String maxFsSize,
      @Doc(
              value = "Use tmpfs only when the host has this much MemAvailable, else build on disk",
              type = "size")
          String requiredRam) {
    public static final Options DEFAULTS = new Options("4G", "1G");

    public Options {
      if (DepsLayerCache.parseSize(maxFsSize) == 0) {
        throw new IllegalArgumentException("max_fs_size must be more than 0");
      }
      DepsLayerCache.parseSize(requiredRam);
    }

    public long maxFsBytes() {
      return DepsLayerCache.parseSize(maxFsSize);
    }

    public long requiredRamBytes() {
      return DepsLayerCache.parseSize(requiredRam);
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
    return "Build root's own layer and build dir on tmpfs (size-limited, falls back to disk)";
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
    hooks.on(
        HookStage.PREINIT,
        c -> c.buildroot().mountRootDirAsTmpfs(options.maxFsBytes(), options.requiredRamBytes()));
  }
}
