package org.debforge.debmock.plugin.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.debforge.debmock.plugin.api.Console;

/**
 * Everything that decides which plugins run and with what options, in one value: what the YAML
 * config and the command line said. Build it with {@link #builder()}.
 *
 * @param pluginConf the YAML {@code plugin_conf} map: {@code {name: {enable: bool, key: value}}}
 * @param enable {@code --enable-plugin} names, in order
 * @param disable {@code --disable-plugin} names ({@code *} disables every plugin)
 * @param pluginOptions {@code --plugin-option} values, {@code NAME:KEY=VALUE}
 * @param pluginDirs the {@code --plugin-dir} directories, searched after the default directories
 * @param defaultDirs whether to search {@code /usr/lib/deb-mock/plugins} and the user's directory
 * @param configSource the config file the YAML came from, for error messages
 * @param console where best-effort hook failures are reported
 */
public record PluginSettings(
    Map<String, Object> pluginConf,
    List<String> enable,
    List<String> disable,
    List<String> pluginOptions,
    List<Path> pluginDirs,
    boolean defaultDirs,
    String configSource,
    Console console) {
  public PluginSettings {
    pluginConf =
        pluginConf == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pluginConf));
    enable = enable == null ? List.of() : List.copyOf(enable);
    disable = disable == null ? List.of() : List.copyOf(disable);
    pluginOptions = pluginOptions == null ? List.of() : List.copyOf(pluginOptions);
    pluginDirs = pluginDirs == null ? List.of() : List.copyOf(pluginDirs);
    configSource = configSource == null ? "the configuration" : configSource;
    console = console == null ? Console.stderr() : console;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: no YAML, nothing on the command line, default directories, warnings to stderr. */
  public static final class Builder {
    private Map<String, Object> pluginConf = Map.of();
    private final List<String> enable = new ArrayList<>();
    private final List<String> disable = new ArrayList<>();
    private final List<String> pluginOptions = new ArrayList<>();
    private final List<Path> pluginDirs = new ArrayList<>();
    private boolean defaultDirs = true;
    private String configSource;
    private Console console;

    private Builder() {}

    public Builder pluginConf(Map<String, Object> conf) {
      this.pluginConf = Objects.requireNonNull(conf);
      return this;
    }

    public Builder enable(List<String> names) {
      enable.addAll(names);
      return this;
    }

    public Builder disable(List<String> names) {
      disable.addAll(names);
      return this;
    }

    public Builder pluginOptions(List<String> options) {
      pluginOptions.addAll(options);
      return this;
    }

    public Builder pluginDirs(List<Path> dirs) {
      pluginDirs.addAll(dirs);
      return this;
    }

    /** Off in tests, so a plugin installed on the machine cannot change their outcome. */
    public Builder defaultDirs(boolean search) {
      this.defaultDirs = search;
      return this;
    }

    public Builder configSource(String source) {
      this.configSource = source;
      return this;
    }

    public Builder console(Console console) {
      this.console = console;
      return this;
    }

    public PluginSettings build() {
      return new PluginSettings(
          pluginConf,
          enable,
          disable,
          pluginOptions,
          pluginDirs,
          defaultDirs,
          configSource,
          console);
    }
  }
}
