package org.debforge.debmock.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.fs.XdgDirs;
import org.debforge.core.mirror.HostMirror;

/**
 * Finds and layers chroot configs the way Mock does with site-defaults and {@code -r}: the shipped
 * config, then {@code /etc/deb-mock/}, then {@code ~/.config/deb-mock/}, each laid over the one
 * before ({@code defaults.yaml} first, then {@code NAME.yaml}), or a file given as {@code -r
 * PATH.yaml}; {@code --config-opts KEY=VALUE} last. Maps merge key by key; lists and scalars of a
 * higher layer replace the lower one's.
 */
public final class ConfigLoader {
  private static final String SHIPPED = "/org/debforge/debmock/config/";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final List<Path> configDirs;
  private final Supplier<String> defaultMirror;

  /** The usual places: {@code /etc/deb-mock} and {@code ~/.config/deb-mock}. */
  public static ConfigLoader standard() {
    Path user = XdgDirs.fromEnvironment().configHome().resolve("deb-mock");
    return new ConfigLoader(List.of(Path.of("/etc/deb-mock"), user), HostMirror::detect);
  }

  /**
   * @param configDirs directories searched after the shipped configs, lowest priority first
   * @param defaultMirror the mirror when no layer sets one (asked only then)
   */
  public ConfigLoader(List<Path> configDirs, Supplier<String> defaultMirror) {
    this.configDirs = List.copyOf(configDirs);
    this.defaultMirror = defaultMirror;
  }

  /** Config names found in every place, sorted: shipped ones and user-added {@code NAME.yaml}. */
  public List<String> names() {
    TreeSet<String> names = new TreeSet<>(shippedNames());
    for (Path dir : configDirs) {
      try (var files = Files.list(dir)) {
        files
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".yaml") && !n.equals("defaults.yaml"))
            .forEach(n -> names.add(n.substring(0, n.length() - ".yaml".length())));
      } catch (IOException e) {
        // A missing config directory is normal.
      }
    }
    return List.copyOf(names);
  }

  /**
   * Loads config {@code nameOrPath} (a name like {@code bookworm-amd64}, or a path ending in {@code
   * .yaml}) with {@code overrides} ({@code --config-opts}) applied last.
   */
  public ChrootConfig load(String nameOrPath, List<String> overrides) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    List<String> layers = new ArrayList<>();
    String name;
    if (nameOrPath.endsWith(".yaml") || nameOrPath.contains("/")) {
      Path file = Path.of(nameOrPath);
      if (!Files.isRegularFile(file)) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "config file not found: " + file,
            "give -r a config name (see 'deb-mock list-configs') or an existing .yaml file");
      }
      String fn = file.getFileName().toString();
      name = fn.endsWith(".yaml") ? fn.substring(0, fn.length() - 5) : fn;
      for (Path dir : configDirs) {
        layer(dir.resolve("defaults.yaml"), merged, origin, layers);
      }
      layer(file, merged, origin, layers);
    } else {
      name = nameOrPath;
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "invalid config name '" + name + "'",
            "config names are like bookworm-amd64; see 'deb-mock list-configs'");
      }
      boolean found = false;
      String shipped = readShipped(name + ".yaml");
      if (shipped != null) {
        apply(
            parse(shipped, "shipped:" + name + ".yaml"),
            "shipped:" + name + ".yaml",
            merged,
            origin);
        layers.add("shipped:" + name + ".yaml");
        found = true;
      }
      for (Path dir : configDirs) {
        layer(dir.resolve("defaults.yaml"), merged, origin, layers);
        found |= layer(dir.resolve(name + ".yaml"), merged, origin, layers);
      }
      if (!found) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "no config named '" + name + "'",
            "known configs: " + String.join(", ", names()));
      }
    }
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "--config-opts '" + o + "': expected KEY=VALUE",
            "e.g. --config-opts suite=trixie or --config-opts environment.DEB_BUILD_OPTIONS=nocheck");
      }
      String key = o.substring(0, eq);
      Object value = parse(o.substring(eq + 1), "--config-opts " + key);
      Map<String, Object> nested = new LinkedHashMap<>();
      Map<String, Object> at = nested;
      String[] parts = key.split("\\.");
      for (int i = 0; i < parts.length - 1; i++) {
        Map<String, Object> next = new LinkedHashMap<>();
        at.put(parts[i], next);
        at = next;
      }
      at.put(parts[parts.length - 1], value);
      apply(nested, "--config-opts", merged, origin);
    }
    return new ConfigValidator(name, merged, origin, layers, defaultMirror).validate();
  }

  private boolean layer(
      Path file, Map<String, Object> merged, Map<String, String> origin, List<String> layers) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CONFIG, file + ": cannot read: " + e.getMessage(), "check its permissions", e);
    }
    Object tree = parse(text, file.toString());
    if (tree == null) {
      tree = Map.of(); // an empty file is an empty layer
    }
    apply(tree, file.toString(), merged, origin);
    layers.add(file.toString());
    return true;
  }

  private static Object parse(String text, String source) {
    try {
      return YAML.readValue(text, Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          source + ": not valid YAML: " + e.getOriginalMessage(),
          "fix the YAML syntax (see docs/deb-mock-config.md)",
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void apply(
      Object tree, String source, Map<String, Object> merged, Map<String, String> origin) {
    if (!(tree instanceof Map<?, ?> map)) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          source + ": error: the top level must be a mapping of keys (suite:, architecture:, ...)",
          "see docs/deb-mock-config.md");
    }
    mergeInto(merged, (Map<String, Object>) map, source, origin, "");
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(
      Map<String, Object> into,
      Map<String, Object> from,
      String source,
      Map<String, String> origin,
      String prefix) {
    for (var e : from.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object old = into.get(key);
      if (old instanceof Map<?, ?> om && e.getValue() instanceof Map<?, ?> nm) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) om);
        mergeInto(copy, (Map<String, Object>) nm, source, origin, prefix + key + ".");
        into.put(key, copy);
      } else {
        into.put(key, e.getValue());
      }
      origin.put(prefix + key, source);
      origin.putIfAbsent(key, source);
      if (prefix.isEmpty()) {
        origin.put(key, source);
      }
    }
  }

  private static List<String> shippedNames() {
    String index = readShipped("index.txt");
    return index == null ? List.of() : index.lines().filter(l -> !l.isBlank()).toList();
  }

  private static String readShipped(String file) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(SHIPPED + file)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
