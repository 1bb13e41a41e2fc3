package org.debforge.debmock.plugin.api;

/** Given to a plugin's {@link DebMockPlugin#register} to attach its hooks and providers. */
public interface HookRegistrar {
  /** Runs {@code hook} at {@code stage}; a failure fails the operation, naming the plugin. */
  void on(HookStage stage, Hook hook);

  /** Runs {@code hook} at {@code stage}; a failure is logged as a warning and the build goes on. */
  void onBestEffort(HookStage stage, Hook hook);

  /**
   * Makes this plugin the one that puts build dependencies into a rebuild's root. Two enabled
   * plugins providing them is a config error.
   */
  void provideBuildDeps(BuildDepsProvider provider);

  /** Makes this plugin the one that shares apt's downloaded .debs between builds. */
  void provideAptArchive(AptArchiveProvider provider);
}
