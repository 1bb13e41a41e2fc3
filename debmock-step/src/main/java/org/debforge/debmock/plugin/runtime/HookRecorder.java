package org.debforge.debmock.plugin.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.Hook;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;

/** The registrar handed to {@link DebMockPlugin#register}: it only writes down what was asked. */
public final class HookRecorder implements HookRegistrar {
  private final String plugin;
  private final List<RegisteredHook> hooks = new ArrayList<>();

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

  /**
   * Calls the plugin's {@code register} with {@code options} (which must be of its options type)
   * and returns the hooks it attached, in registration order.
   */
  public static List<RegisteredHook> record(DiscoveredPlugin found, Object options) {
    HookRecorder recorder = new HookRecorder(found.name());
    registerTyped(found.plugin(), recorder, options);
    return List.copyOf(recorder.hooks);
  }

  private static <O> void registerTyped(DebMockPlugin<O> plugin, HookRegistrar r, Object options) {
    plugin.register(r, plugin.optionsType().cast(options));
  }
}
