package org.debforge.debmock.plugin.api;

/**
 * One option a plugin takes, for {@code plugin-help} and validation: set in YAML under {@code
 * plugin_conf.<plugin>.<name>} or with {@code --plugin-option plugin:name=value}.
 *
 * @param type {@code string}, {@code int}, {@code bool}, {@code list} or {@code size} (e.g. 2G)
 * @param defaultValue the default as text, or null when none
 */
public record PluginOption(String name, String type, String defaultValue, String description) {
  public PluginOption {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("option names are lower_snake_case: " + name);
    }
  }
}
