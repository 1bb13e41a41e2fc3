package org.debforge.debmock.plugin.api;

import java.util.List;

/**
 * A deb-mock plugin, found with {@link java.util.ServiceLoader} on the class path or in a jar in
 * the plugin directory (annotate the class with {@code @AutoService(DebMockPlugin.class)}).
 *
 * <p>A plugin declares the plugin API version it was written against; deb-mock refuses one whose
 * version it does not implement, with a message naming the plugin and both versions.
 *
 * @param <O> the plugin's options: a record, filled from YAML and {@code --plugin-option} laid over
 *     {@link #defaultOptions()}
 */
public interface DebMockPlugin<O> {
  /**
   * The plugin API version this deb-mock implements. 2: the API moved to {@code
   * org.debforge.debmock.plugin.api}, hooks reach the root through {@link HookContext#buildroot()},
   * and {@link HookRegistrar} takes providers.
   */
  int API_VERSION = 2;

  /** Mock-style name: {@code root_cache}, {@code package_state}. */
  String name();

  /** The API version this plugin was written against; {@link #API_VERSION} when current. */
  int apiVersion();

  /** One line for {@code list-plugins}. */
  String description();

  /** Whether the plugin runs unless disabled, as Mock enables root_cache by default. */
  boolean enabledByDefault();

  /**
   * The defaults, usually the options record's {@code DEFAULTS}; YAML and command line values are
   * laid over these.
   */
  O defaultOptions();

  /** The options record type: by default the class of {@link #defaultOptions()}. */
  @SuppressWarnings("unchecked")
  default Class<O> optionsType() {
    return (Class<O>) defaultOptions().getClass();
  }

  /**
   * The options documented by {@code plugin-help}, in the order shown: by default derived from the
   * options record and its defaults ({@link PluginOption#of}), annotated with {@link
   * PluginOption.Doc}.
   */
  default List<PluginOption> options() {
    O defaults = defaultOptions();
    if (!(defaults instanceof Record r)) {
      throw new IllegalStateException(name() + ": the options type must be a record");
    }
    return PluginOption.of(r);
  }

  /** Attaches the plugin's hooks for one deb-mock run, with its effective options. */
  void register(HookRegistrar hooks, O options);
}
