package org.debforge.debmock.plugin.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * What the YAML {@code plugin_conf} and the command line ask of each plugin, parsed and checked
 * against the names of the plugins that exist.
 */
final class PluginRequests {
  static final String ALL = "*";

  private final Map<String, Boolean> yamlEnable = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> yamlOptions = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> cliOptions = new LinkedHashMap<>();
  private final Set<String> enable = new TreeSet<>();
  private final Set<String> disable = new TreeSet<>();
  private boolean disableAll;

  private PluginRequests() {}

  static PluginRequests parse(PluginSettings settings, Set<String> known) {
    PluginRequests r = new PluginRequests();
    String source = settings.configSource();
    for (Map.Entry<String, Object> e : settings.pluginConf().entrySet()) {
      String name = e.getKey();
      String where = source + ": plugin_conf." + name;
      requireKnown(name, known, where, mockSpellingHint(name, known));
      Object value = e.getValue();
      if (value == null) {
        continue;
      }
      if (value instanceof Boolean b) {
        r.yamlEnable.put(name, b);
        continue;
      }
      if (!(value instanceof Map<?, ?> map)) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            where + ": expected a map of options (or true/false), not '" + value + "'",
            "write it as: " + name + ": {enable: true, KEY: VALUE}");
      }
      Map<String, Object> options = new LinkedHashMap<>();
      for (Map.Entry<?, ?> o : map.entrySet()) {
        String key = String.valueOf(o.getKey());
        if (key.equals("enable")) {
          if (!(o.getValue() instanceof Boolean b)) {
            throw new DebforgeException(
                ErrorKind.CONFIG,
                where + ".enable: expects a bool (true or false), not '" + o.getValue() + "'",
                null);
          }
          r.yamlEnable.put(name, b);
        } else {
          options.put(key, o.getValue());
        }
      }
      r.yamlOptions.put(name, options);
    }
    for (String name : settings.enable()) {
      requireKnown(name, known, "--enable-plugin", null);
      r.enable.add(name);
    }
    for (String name : settings.disable()) {
      if (name.equals(ALL)) {
        r.disableAll = true;
        continue;
      }
      requireKnown(name, known, "--disable-plugin", null);
      r.disable.add(name);
    }
    for (String option : settings.pluginOptions()) {
      int colon = option.indexOf(':');
      int eq = option.indexOf('=');
      if (colon <= 0 || eq < colon + 2) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "--plugin-option '" + option + "': expected NAME:KEY=VALUE",
            "for example --plugin-option package_state:available_pkgs=true");
      }
      String name = option.substring(0, colon);
      requireKnown(name, known, "--plugin-option '" + option + "'", null);
      r.cliOptions
          .computeIfAbsent(name, n -> new LinkedHashMap<>())
          .put(option.substring(colon + 1, eq), option.substring(eq + 1));
    }
    return r;
  }

  boolean enabled(String name, boolean byDefault) {
    if (disableAll || disable.contains(name)) {
      return false;
    }
    if (enable.contains(name)) {
      return true;
    }
    return yamlEnable.getOrDefault(name, byDefault);
  }

  boolean configures(String name) {
    return yamlOptions.containsKey(name) || cliOptions.containsKey(name);
  }

  Map<String, Object> yamlOptions(String name) {
    return yamlOptions.getOrDefault(name, Map.of());
  }

  Map<String, String> cliOptions(String name) {
    return cliOptions.getOrDefault(name, Map.of());
  }

  private static void requireKnown(String name, Set<String> known, String where, String hint) {
    if (!known.contains(name)) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          where
              + ": no plugin named '"
              + name
              + "'; known plugins: "
              + String.join(", ", sorted(known)),
          hint != null ? hint : "see 'deb-mock list-plugins'");
    }
  }

  /** Mock writes {@code ccache_enable} and {@code ccache_opts}; deb-mock nests them. */
  private static String mockSpellingHint(String name, Set<String> known) {
    for (String suffix : new String[] {"_enable", "_opts"}) {
      if (name.endsWith(suffix)) {
        String plugin = name.substring(0, name.length() - suffix.length());
        if (known.contains(plugin)) {
          return "Mock's '"
              + name
              + "' is written here as  plugin_conf: {"
              + plugin
              + ": {enable: true, KEY: VALUE}}";
        }
      }
    }
    return null;
  }

  private static Set<String> sorted(Set<String> names) {
    return new TreeSet<>(names);
  }
}
