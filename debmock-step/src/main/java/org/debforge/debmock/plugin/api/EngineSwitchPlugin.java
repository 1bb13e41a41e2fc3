package org.debforge.debmock.plugin.api;

import java.util.List;

/**
 * A plugin that registers no hooks: the engine does its work when it is enabled and reads its
 * options through {@link HookDispatcher#enabledOptions}. Caches that change the root's mounts or
 * overlay layers need this, because hooks get a read-only context. The plugin still exists so it is
 * listed, documented, configured and disabled like any other.
 */
public abstract class EngineSwitchPlugin<O> implements DebMockPlugin<O> {
  private final String name;
  private final String description;
  private final boolean enabledByDefault;
  private final Class<O> optionsType;
  private final O defaultOptions;
  private final List<PluginOption> options;

  protected EngineSwitchPlugin(
      String name,
      String description,
      boolean enabledByDefault,
      Class<O> optionsType,
      O defaultOptions,
      List<PluginOption> options) {
    this.name = name;
    this.description = description;
    this.enabledByDefault = enabledByDefault;
    this.optionsType = optionsType;
    this.defaultOptions = defaultOptions;
    this.options = List.copyOf(options);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int apiVersion() {
    return API_VERSION;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final boolean enabledByDefault() {
    return enabledByDefault;
  }

  @Override
  public final Class<O> optionsType() {
    return optionsType;
  }

  @Override
  public final O defaultOptions() {
    return defaultOptions;
  }

  @Override
  public final List<PluginOption> options() {
    return options;
  }

  @Override
  public final void register(HookRegistrar hooks, O options) {
    // No hooks: the engine reads the options.
  }
}
