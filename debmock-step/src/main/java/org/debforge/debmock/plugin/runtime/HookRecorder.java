package org.debforge.debmock.plugin.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.debforge.debmock.plugin.api.AptArchiveProvider;
import org.debforge.debmock.plugin.api.BuildDepsProvider;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.Hook;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;

/** The registrar handed to {@link DebMockPlugin#register}: it only writes down what was asked. */
public final class HookRecorder implements HookRegistrar {
  /** What one plugin registered: its hooks in order, and the capabilities it provides. */
  public record Registration(List<RegisteredHook> hooks, Map<Class<?>, Object> providers) {
    public Registration {
      hooks = List.copyOf(hooks);
      providers = Map.copyOf(providers);
    }
  }

  private final String plugin;
  private final List<RegisteredHook> hooks = new ArrayList<>();
  private final Map<Class<?>, Object> providers = new LinkedHashMap<>();

  private HookRecorder(String plugin) {
    this.plugin = plugin;
  }

  @Override
  public void on(HookStage stage, Hook hook) {
    hooks.add(new RegisteredHook(plugin, Objects.requireNonNull(stage), hook, false));
  }

  @Override
  public void onBestEffort(HookStage stage, Hook hook) {
    hooks.add(new RegisteredHook(plugin, Objects.requireNonNull(stage), hook, true));
  }

  @Override
  public void provideBuildDeps(BuildDepsProvider provider) {
    providers.put(BuildDepsProvider.class, Objects.requireNonNull(provider));
  }

  @Override
  public void provideAptArchive(AptArchiveProvider provider) {
    providers.put(AptArchiveProvider.class, Objects.requireNonNull(provider));
  }

  /**
   * Calls the plugin's {@code register} with {@code options} (which must be of its options type)
   * and returns the hooks it attached, in registration order.
   */
  public static List<RegisteredHook> record(DiscoveredPlugin found, Object options) {
    return recordAll(found, options).hooks();
  }

  /** Like {@link #record}, with the providers the plugin registered too. */
  public static Registration recordAll(DiscoveredPlugin found, Object options) {
    HookRecorder recorder = new HookRecorder(found.name());
    registerTyped(found.plugin(), recorder, options);
    return new Registration(recorder.hooks, recorder.providers);
  }

  private static <O> void registerTyped(DebMockPlugin<O> plugin, HookRegistrar r, Object options) {
    plugin.register(r, plugin.optionsType().cast(options));
  }
}
