package org.debforge.debmock.plugin.api;

/** Code a plugin runs at a hook. Throwing fails the build, unless registered best-effort. */
@FunctionalInterface
public interface Hook {
  void run(HookContext context) throws Exception;
}
