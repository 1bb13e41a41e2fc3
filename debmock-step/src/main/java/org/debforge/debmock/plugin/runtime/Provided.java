package org.debforge.debmock.plugin.runtime;

import java.util.Objects;

/** A capability an enabled plugin provides, and that plugin's name (for messages, result.json). */
public record Provided<T>(String plugin, T provider) {
  public Provided {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(provider, "provider");
  }
}
