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
  /** The plugin API version this deb-mock implements. */
  int API_VERSION = 1;

  /** Mock-style name: {@code root_cache}, {@code package_state}. */
  String name();

  /** The API version this plugin was written against; {@link #API_VERSION} when current. */
  int apiVersion();

  /** One line for {@code list-plugins}. */
  String description();

  /** Whether the plugin runs unless disabled, as Mock enables root_cache by default. */
  boolean enabledByDefault();

  /** The options record type. */
  Class<O> optionsType();

  /** The defaults; YAML and command line values are laid over these. */
  O defaultOptions();

  /** The options documented by {@code plugin-help}, in the order shown. */
  List<PluginOption> options();

  /** Attaches the plugin's hooks for one deb-mock run, with its effective options. */
  void register(HookRegistrar hooks, O options);
}
