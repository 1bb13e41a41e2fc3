package org.debforge.debmock.plugin.api;

/**
 * Puts a rebuild's build dependencies into its root. The engine asks the one provider registered
 * with {@link HookRegistrar#provideBuildDeps} (the {@code deps_cache} plugin stacks a cached layer
 * instead of installing), else {@link #APT}, between the unpack and {@code postdeps}.
 */
@FunctionalInterface
public interface BuildDepsProvider {
  /** Plain apt: install with {@link BuildDeps#install()}, in the phase of that name. */
  BuildDepsProvider APT = deps -> deps.phase("install build dependencies", deps::install);

  /**
   * Installs the dependencies of one build; throws a {@link org.debforge.core.DebforgeException}
   * when they cannot be installed.
   */
  void provide(BuildDeps deps);
}
