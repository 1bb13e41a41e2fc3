package org.debforge.debmock.plugin.runtime;

import java.util.List;
import org.debforge.debmock.plugin.api.AptArchiveProvider;
import org.debforge.debmock.plugin.api.BuildDepsProvider;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookStage;

/**
 * What the build engine sees of the plugin system: fire a hook, and ask what ran. The engine never
 * knows which plugins exist; the plugin manager implements this.
 */
public interface HookDispatcher {
  /**
   * Runs every hook registered at {@code context.stage()}, in plugin order. A failing hook that is
   * not best-effort throws a {@link org.debforge.core.DebforgeException} of kind {@code
   * PLUGIN_FAILED} naming the plugin; a stage that {@linkplain HookStage#requiresProvider()
   * requires a provider} and has none throws one naming the plugins that would provide it.
   */
  void fire(HookContext context);

  /** Whether any enabled plugin registered a hook at {@code stage}. */
  boolean hasProvider(HookStage stage);

  /** {@code plugin:hook} for every hook that ran so far, in order, for result.json. */
  List<String> ran();

  /** The names of the enabled plugins, for result.json. */
  List<String> enabledPlugins();

  /** The enabled plugin that puts build dependencies into the root, if any. */
  default java.util.Optional<Provided<BuildDepsProvider>> buildDepsProvider() {
    return java.util.Optional.empty();
  }

  /** The enabled plugin that shares apt's downloaded .debs between builds, if any. */
  default java.util.Optional<Provided<AptArchiveProvider>> aptArchiveProvider() {
    return java.util.Optional.empty();
  }

  /** A dispatcher with no plugins, for tests of the engine and for {@code --disable-plugin=*}. */
  static HookDispatcher none() {
    return new HookDispatcher() {
      @Override
      public void fire(HookContext context) {
        if (context.stage().requiresProvider()) {
          throw new org.debforge.core.DebforgeException(
              org.debforge.core.ErrorKind.PLUGIN_FAILED,
              "no plugin provides the '" + context.stage().hookName() + "' hook",
              "enable a plugin that provides it (see 'deb-mock list-plugins')");
        }
      }

      @Override
      public boolean hasProvider(HookStage stage) {
        return false;
      }

      @Override
      public List<String> ran() {
        return List.of();
      }

      @Override
      public List<String> enabledPlugins() {
        return List.of();
      }
    };
  }
}
