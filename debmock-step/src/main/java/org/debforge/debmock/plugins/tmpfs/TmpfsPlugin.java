package org.debforge.debmock.plugins.tmpfs;

import com.google.auto.service.AutoService;
import java.util.List;
import org.debforge.debmock.cache.DepsLayerCache;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.EngineSwitchPlugin;
import org.debforge.debmock.plugin.api.PluginOption;

/**
 * Mock's {@code tmpfs}: the build root's directory (its overlay upper layer, work directory and so
 * {@code /build}) on a tmpfs of at most {@code max_fs_size}. When the host has less available
 * memory than {@code required_ram}, or the mount fails, the build goes on disk and root.log says
 * why. The engine mounts it before the root is made (a hook runs too late and cannot change where
 * the root lives); this plugin is the switch and holds the options. A tmpfs root cannot be renamed
 * into the deps cache, so deps_cache copies the layer instead (slower, still once per key).
 */
@AutoService(DebMockPlugin.class)
public final class TmpfsPlugin extends EngineSwitchPlugin<TmpfsPlugin.Options> {
  public static final String NAME = "tmpfs";

  /**
   * @param maxFsSize the tmpfs size limit
   * @param requiredRam the host's MemAvailable needed to use tmpfs at all
   */
  public record Options(String maxFsSize, String requiredRam) {
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

  public TmpfsPlugin() {
    super(
        NAME,
        "Build root's own layer and build dir on tmpfs (size-limited, falls back to disk)",
        false,
        Options.class,
        new Options("4G", "1G"),
        List.of(
            new PluginOption("max_fs_size", "size", "4G", "Size limit of the tmpfs"),
            new PluginOption(
                "required_ram",
                "size",
                "1G",
                "Use tmpfs only when the host has this much MemAvailable, else build on disk")));
  }
}
