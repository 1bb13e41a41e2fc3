package org.debforge.debmock.plugin.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.PluginOption;

/**
 * Turns layered option maps into a plugin's typed options record: {@link
 * DebMockPlugin#defaultOptions()}, then the YAML {@code plugin_conf.<name>} map, then {@code
 * --plugin-option} strings, later layers winning key by key. Keys are the record's components in
 * snake_case ({@code availablePkgs} is {@code available_pkgs}). Each value is checked on its own
 * before the record is built, so an error names the one key at fault and the type it wants.
 */
public final class OptionsBinder {
  /** The options record and the merged map it was built from (for result.json). */
  public record Bound(Object options, Map<String, Object> effective) {}

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private OptionsBinder() {}

  /**
   * @param yaml the plugin's YAML map without {@code enable}; may be empty
   * @param cli {@code --plugin-option} values for this plugin, key to raw string, in order given
   * @param source where the YAML came from, for messages
   */
  public static Bound bind(
      DiscoveredPlugin found, Map<String, ?> yaml, Map<String, String> cli, String source) {
    DebMockPlugin<?> plugin = found.plugin();
    // Before optionsType(), which by default is the class of the defaults.
    Map<String, Object> merged = defaults(found);
    Class<?> type = plugin.optionsType();
    if (type == null || !type.isRecord()) {
      throw new DebforgeException(
          ErrorKind.PLUGIN_FAILED,
          found.label() + " declares options type " + type + ", which is not a record",
          "plugin authors: make optionsType() a record class (see docs/deb-mock-plugins.md)");
    }
    Map<String, RecordComponent> components = components(type);
    for (Map.Entry<String, ?> e : yaml.entrySet()) {
      merged.put(
          e.getKey(),
          check(found, components, e.getKey(), e.getValue(), "plugin_conf in " + source));
    }
    for (Map.Entry<String, String> e : cli.entrySet()) {
      merged.put(e.getKey(), check(found, components, e.getKey(), e.getValue(), "--plugin-option"));
    }
    try {
      return new Bound(MAPPER.convertValue(merged, type), merged);
    } catch (IllegalArgumentException e) {
      // Each key passed on its own, so what is left is the record's own validation.
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "plugin '" + found.name() + "': invalid options " + merged + ": " + rootMessage(e),
          "allowed options: " + allowed(found, components),
          e);
    }
  }

  /** The documented type of each option key, for messages and {@code plugin-help}. */
  public static String typeOf(DebMockPlugin<?> plugin, String key, RecordComponent component) {
    for (PluginOption o : plugin.options()) {
      if (o.name().equals(key)) {
        return o.type();
      }
    }
    Class<?> t = component.getType();
    if (t == boolean.class || t == Boolean.class) {
      return "bool";
    }
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      return "int";
    }
    if (Collection.class.isAssignableFrom(t)) {
      return "list";
    }
    return t == String.class ? "string" : t.getSimpleName();
  }

  /** The option keys of an options record, in declaration order. */
  public static Map<String, RecordComponent> components(Class<?> recordType) {
    Map<String, RecordComponent> out = new LinkedHashMap<>();
    for (RecordComponent c : recordType.getRecordComponents()) {
      out.put(snakeCase(c.getName()), c);
    }
    return out;
  }

  static String snakeCase(String camel) {
    return PluginOption.snakeCase(camel);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> defaults(DiscoveredPlugin found) {
    Object defaults = found.plugin().defaultOptions();
    if (defaults == null) {
      throw new DebforgeException(
          ErrorKind.PLUGIN_FAILED,
          found.label() + " returned no default options",
          "plugin authors: defaultOptions() must return an instance of optionsType()");
    }
    return new LinkedHashMap<>(MAPPER.convertValue(defaults, Map.class));
  }

  private static Object check(
      DiscoveredPlugin found,
      Map<String, RecordComponent> components,
      String key,
      Object value,
      String where) {
    RecordComponent component = components.get(key);
    String plugin = found.name();
    if (component == null) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          where + ": plugin '" + plugin + "' has no option '" + key + "'",
          "allowed options: " + allowed(found, components));
    }
    String expected = typeOf(found.plugin(), key, component);
    Object candidate = value;
    if (value instanceof String s && Collection.class.isAssignableFrom(component.getType())) {
      // A list on the command line: --plugin-option chroot_scan:regexes=core,\.log$
      candidate = s.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(s.split(",", -1)));
    }
    try {
      JavaType target = MAPPER.constructType(component.getGenericType());
      MAPPER.convertValue(candidate, target);
    } catch (IllegalArgumentException e) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          where
              + ": plugin '"
              + plugin
              + "' option '"
              + key
              + "' expects "
              + article(expected)
              + ", not '"
              + value
              + "'"
              + recordMessage(e),
          "allowed options: " + allowed(found, components),
          e);
    }
    return candidate;
  }

  private static String article(String type) {
    return switch (type) {
      case "bool" -> "a bool (true or false)";
      case "int" -> "an int";
      case "list" -> "a list (YAML list, or comma-separated on the command line)";
      case "size" -> "a size (e.g. 512M, 2G)";
      default -> "a " + type;
    };
  }

  /** "available_pkgs (bool), log_name (string)". */
  public static String allowed(DiscoveredPlugin found, Map<String, RecordComponent> components) {
    if (components.isEmpty()) {
      return "none (plugin '" + found.name() + "' takes no options)";
    }
    return components.entrySet().stream()
        .map(e -> e.getKey() + " (" + typeOf(found.plugin(), e.getKey(), e.getValue()) + ")")
        .collect(Collectors.joining(", "));
  }

  /** ": why" when an options record refused the value (its own validation), else "". */
  private static String recordMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof IllegalArgumentException && t != e ? ": " + rootMessage(t) : "";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
