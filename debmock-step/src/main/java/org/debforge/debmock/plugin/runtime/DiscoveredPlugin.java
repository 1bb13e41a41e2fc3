package org.debforge.debmock.plugin.runtime;

import java.util.Objects;
import org.debforge.debmock.plugin.api.DebMockPlugin;

/**
 * A plugin found by discovery and where it came from, so errors can name the jar to remove.
 *
 * @param origin {@value #CLASS_PATH} or the path of the jar
 */
public record DiscoveredPlugin(DebMockPlugin<?> plugin, String origin) {
  public static final String CLASS_PATH = "class path";

  public DiscoveredPlugin {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(origin, "origin");
  }

  public String name() {
    return plugin.name();
  }

  /** "plugin 'x' (from /path/x.jar)" or "plugin 'x'" for shipped plugins. */
  public String label() {
    return CLASS_PATH.equals(origin)
        ? "plugin '" + name() + "'"
        : "plugin '" + name() + "' (from " + origin + ")";
  }
}
