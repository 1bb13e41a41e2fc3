package org.debforge.debmock.plugin.runtime;

import java.util.Objects;
import org.debforge.debmock.plugin.api.Hook;
import org.debforge.debmock.plugin.api.HookStage;

/** One hook a plugin attached: where, what, and whether its failure may be ignored. */
public record RegisteredHook(String plugin, HookStage stage, Hook hook, boolean bestEffort) {
  public RegisteredHook {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(hook, "hook");
  }
}
