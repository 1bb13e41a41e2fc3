package org.debforge.debmock.plugins.aptcache;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import org.debforge.debmock.plugin.api.AptArchiveProvider;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * {@code apt_cache}: downloaded .debs shared by every build of a suite and architecture, by
 * providing the {@link AptArchiveProvider apt archive} ({@code CACHE/apt-archives/<suite>-<arch>}
 * unless {@code dir} says otherwise): the engine binds it at the root's {@code
 * /var/cache/apt/archives} and holds its host lock around each apt install, so concurrent builds
 * take turns instead of apt failing on its own lock.
 *
 * <p>Index lists need no cache of their own: they are part of the base root, whose key holds the
 * mirror's Release date, so they are fetched again only when the mirror changed. {@code
 * --scrub=apt-cache} empties the directory.
 */
@AutoService(DebMockPlugin.class)
public final class AptCachePlugin implements DebMockPlugin<AptCachePlugin.Options> {
  public static final String NAME = "apt_cache";

  /**
   * @param dir the host directory for the archives; empty means {@code
   *     CACHE/apt-archives/<suite>-<arch>}
   */
  public record Options(
      @Doc("Host directory for the .debs (default: CACHE/apt-archives/<suite>-<arch>)")
          String dir) {
    public static final Options DEFAULTS = new Options("");

    public Options {
      if (dir == null || (!dir.isEmpty() && !dir.startsWith("/"))) {
        throw new IllegalArgumentException("dir must be an absolute path or empty: " + dir);
      }
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
    return "Share downloaded .debs across builds (bind mount at /var/cache/apt/archives)";
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
    hooks.provideAptArchive(
        defaultDir -> options.dir().isEmpty() ? defaultDir : Path.of(options.dir()));
  }
}
