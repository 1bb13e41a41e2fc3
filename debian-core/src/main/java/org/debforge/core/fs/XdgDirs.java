package org.debforge.core.fs;

import java.nio.file.Path;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The XDG base directories every tool keeps its user files in: {@code $XDG_CONFIG_HOME} (else
 * {@code $HOME/.config}), {@code $XDG_DATA_HOME} ({@code $HOME/.local/share}), {@code
 * $XDG_CACHE_HOME} ({@code $HOME/.cache}). Read from the environment, never from Java's {@code
 * user.home}: that comes from the password database and ignores a {@code HOME} a script or a
 * Jenkins agent sets.
 */
public record XdgDirs(Map<String, String> env) {
  public XdgDirs {
    env = Map.copyOf(env);
  }

  /** From this process's environment. */
  public static XdgDirs fromEnvironment() {
    return new XdgDirs(System.getenv());
  }

  public Path configHome() {
    return base("XDG_CONFIG_HOME", ".config");
  }

  public Path dataHome() {
    return base("XDG_DATA_HOME", ".local/share");
  }

  public Path cacheHome() {
    return base("XDG_CACHE_HOME", ".cache");
  }

  private Path base(String variable, String underHome) {
    String xdg = env.get(variable);
    // The spec: a relative path in an XDG variable is invalid and to be ignored.
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg);
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "neither " + variable + " nor HOME is set: no place for the user's files",
          "set HOME (or " + variable + ")");
    }
    return Path.of(home).resolve(underHome);
  }
}
