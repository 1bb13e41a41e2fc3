package org.debforge.debmock.plugin.runtime;

import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption;

/**
 * What {@code list-plugins} and {@code plugin-help} show of a plugin: its declarations and the
 * hooks it registers with its default options.
 *
 * @param compatible whether its API version is this deb-mock's; an incompatible plugin is listed
 *     (so the user can find and remove it) but its hooks are not asked for
 */
public record PluginDescription(
    String name,
    String description,
    int apiVersion,
    boolean compatible,
    boolean enabledByDefault,
    String origin,
    List<PluginOption> options,
    List<HookUse> hooks) {

  /** One hook a plugin registers. */
  public record HookUse(String hook, boolean bestEffort) {}

  public PluginDescription {
    options = List.copyOf(options);
    hooks = List.copyOf(hooks);
  }

  public static PluginDescription of(DiscoveredPlugin found) {
    DebMockPlugin<?> p = found.plugin();
    boolean compatible = p.apiVersion() == DebMockPlugin.API_VERSION;
    List<HookUse> hooks = new ArrayList<>();
    if (compatible) {
      try {
        for (RegisteredHook h : HookRecorder.record(found, p.defaultOptions())) {
          hooks.add(new HookUse(h.stage().hookName(), h.bestEffort()));
        }
      } catch (RuntimeException | LinkageError e) {
        throw new DebforgeException(
            ErrorKind.PLUGIN_FAILED,
            found.label() + " failed to register its hooks: " + e.getMessage(),
            "remove the plugin's jar or report it to its author",
            e);
      }
    }
    return new PluginDescription(
        p.name(),
        p.description(),
        p.apiVersion(),
        compatible,
        p.enabledByDefault(),
        found.origin(),
        p.options(),
        hooks);
  }

  public boolean uses(HookStage stage) {
    return hooks.stream().anyMatch(h -> h.hook().equals(stage.hookName()));
  }
}
