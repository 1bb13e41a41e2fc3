package org.debforge.debmock.plugin.api;

/** Given to a plugin's {@link DebMockPlugin#register} to attach its hooks. */
public interface HookRegistrar {
  /** Runs {@code hook} at {@code stage}; a failure fails the operation, naming the plugin. */
  void on(HookStage stage, Hook hook);

  /** Runs {@code hook} at {@code stage}; a failure is logged as a warning and the build goes on. */
  void onBestEffort(HookStage stage, Hook hook);
}
