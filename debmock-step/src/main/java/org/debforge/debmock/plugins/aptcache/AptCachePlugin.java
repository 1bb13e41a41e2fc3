package org.debforge.debmock.plugins.aptcache;

import com.google.auto.service.AutoService;
import java.util.List;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.EngineSwitchPlugin;
import org.debforge.debmock.plugin.api.PluginOption;

/**
 * {@code apt_cache}: downloaded .debs shared by every build of a suite and architecture, by binding
 * a host directory ({@code CACHE/apt-archives/<suite>-<arch>}) at the root's {@code
 * /var/cache/apt/archives}. apt locks that directory with a lock file inside it, which the bind
 * shares, but fails at once instead of waiting when another apt holds it; so deb-mock also holds a
 * host file lock around each apt install that uses the shared directory, and builds wait in turn.
 *
 * <p>Like {@code deps_cache} the engine does the work (a hook cannot add a mount to the root); this
 * plugin is the switch and holds the options. Index lists need no cache of their own: they are part
 * of the base root, whose key holds the mirror's Release date, so they are fetched again only when
 * the mirror changed. {@code --scrub=apt-cache} empties the directory.
 */
@AutoService(DebMockPlugin.class)
public final class AptCachePlugin extends EngineSwitchPlugin<AptCachePlugin.Options> {
  public static final String NAME = "apt_cache";

  /**
   * @param dir the host directory for the archives; empty means {@code
   *     CACHE/apt-archives/<suite>-<arch>}
   */
  public record Options(String dir) {
    public Options {
      if (dir == null || (!dir.isEmpty() && !dir.startsWith("/"))) {
        throw new IllegalArgumentException("dir must be an absolute path or empty: " + dir);
      }
    }
  }

  public AptCachePlugin() {
    super(
        NAME,
        "Share downloaded .debs across builds (bind mount at /var/cache/apt/archives)",
        true,
        Options.class,
        new Options(""),
        List.of(
            new PluginOption(
                "dir",
                "string",
                "",
                "Host directory for the .debs (default: CACHE/apt-archives/<suite>-<arch>)")));
  }
}
