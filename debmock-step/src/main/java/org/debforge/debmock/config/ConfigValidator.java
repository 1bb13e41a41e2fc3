package org.debforge.debmock.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Turns a merged YAML tree into a {@link ChrootConfig}, or an error naming the file that set the
 * bad key, the key, and what is allowed.
 */
final class ConfigValidator {
  static final Set<String> KEYS =
      Set.of(
          "suite",
          "architecture",
          "mirror",
          "components",
          "variant",
          "extra_packages",
          "extra_sources",
          "environment",
          "plugin_conf",
          "dsc_keyring");
  static final List<String> ARCHITECTURES =
      List.of(
          "amd64", "arm64", "armel", "armhf", "i386", "mips64el", "ppc64el", "riscv64", "s390x");
  static final List<String> VARIANTS =
      List.of("buildd", "minbase", "essential", "apt", "required", "important", "standard");
  private static final String WORD = "[a-z0-9][a-z0-9.+-]*";
  private static final String PACKAGE = "[a-z0-9][a-z0-9.+-]+(:[a-z0-9]+)?(=[A-Za-z0-9.+~:-]+)?";

  private final String name;
  private final Map<String, Object> tree;
  private final Map<String, String> origin;
  private final List<String> layers;
  private final Supplier<String> defaultMirror;

  ConfigValidator(
      String name,
      Map<String, Object> tree,
      Map<String, String> origin,
      List<String> layers,
      Supplier<String> defaultMirror) {
    this.name = name;
    this.tree = tree;
    this.origin = origin;
    this.layers = layers;
    this.defaultMirror = defaultMirror;
  }

  ChrootConfig validate() {
    for (String key : tree.keySet()) {
      if (!KEYS.contains(key)) {
        throw bad(
            key,
            "unknown key",
            "allowed keys: " + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    String suite = string("suite", true);
    if (!suite.matches(WORD)) {
      throw bad("suite", "'" + suite + "' is not a suite name", "e.g. bookworm, trixie, sid");
    }
    String arch = string("architecture", true);
    if (!ARCHITECTURES.contains(arch)) {
      throw bad(
          "architecture",
          "'" + arch + "' is not allowed",
          "one of " + String.join(", ", ARCHITECTURES));
    }
    String mirror = string("mirror", false);
    if (mirror == null || mirror.isBlank()) {
      mirror = defaultMirror.get();
    } else if (!mirror.matches("(https?|file)://\\S+")) {
      throw bad(
          "mirror",
          "'" + mirror + "' is not a URL",
          "an http://, https:// or file:// URL of a Debian mirror");
    }
    mirror = mirror.replaceAll("/+$", "");
    String variant = tree.containsKey("variant") ? string("variant", true) : "buildd";
    if (!VARIANTS.contains(variant)) {
      throw bad(
          "variant",
          "'" + variant + "' is not allowed",
          "one of " + String.join(", ", VARIANTS) + " (mmdebstrap --variant)");
    }
    List<String> components = list("components", WORD, "component names such as main, contrib");
    if (components.isEmpty()) {
      components = List.of("main");
    }
    List<String> extra =
        list("extra_packages", PACKAGE, "Debian package names, e.g. [ccache, eatmydata]");
    return new ChrootConfig(
        name,
        suite,
        arch,
        mirror,
        components,
        variant,
        extra,
        sources(),
        environment(),
        pluginConf(),
        dscKeyring(),
        layers);
  }

  /** Keyring files (binary or armored public keys) a .dsc must be signed by a key of. */
  private List<Path> dscKeyring() {
    List<Path> out = new ArrayList<>();
    for (String s :
        list("dsc_keyring", "\\S+", "paths of keyring files, e.g. [/etc/deb-mock/uploaders.gpg]")) {
      Path p = Path.of(s);
      if (!Files.isRegularFile(p)) {
        throw bad(
            "dsc_keyring",
            "keyring file not found: " + p,
            "a path to an OpenPGP public keyring on this host ('gpg --export KEYID > FILE')");
      }
      out.add(p);
    }
    return out;
  }

  private String string(String key, boolean required) {
    Object v = tree.get(key);
    if (v == null) {
      if (required) {
        throw bad(key, "missing", "every config sets " + key);
      }
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      throw bad(key, "must be a single value", null);
    }
    return String.valueOf(v);
  }

  private List<String> list(String key, String pattern, String allowed) {
    Object v = tree.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      v = List.of(s.split("[\\s,]+"));
    }
    if (!(v instanceof List<?> l)) {
      throw bad(key, "must be a list", allowed);
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      String s = String.valueOf(o);
      if (s.isEmpty()) {
        continue;
      }
      if (!s.matches(pattern)) {
        throw bad(key, "'" + s + "' is not allowed", allowed);
      }
      out.add(s);
    }
    return out;
  }

  private Map<String, String> environment() {
    Object v = tree.get("environment");
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw bad("environment", "must be a mapping NAME: value", null);
    }
    for (var e : m.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw bad("environment", "'" + k + "' is not a variable name", "letters, digits and _");
      }
      out.put(k, e.getValue() == null ? "" : String.valueOf(e.getValue()));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> pluginConf() {
    Object v = tree.get("plugin_conf");
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw bad("plugin_conf", "must be a mapping plugin: {option: value}", null);
    }
    for (var e : m.entrySet()) {
      Object opts = e.getValue();
      if (opts == null) {
        opts = Map.of();
      }
      if (!(opts instanceof Map<?, ?>)) {
        throw bad("plugin_conf", "'" + e.getKey() + "' must be a mapping of options", null);
      }
      out.put(String.valueOf(e.getKey()), new LinkedHashMap<>((Map<String, Object>) opts));
    }
    return out;
  }

  private List<AptSource> sources() {
    Object v = tree.get("extra_sources");
    List<AptSource> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List<?> l)) {
      throw bad("extra_sources", "must be a list of {uris, suites, components, signed_by}", null);
    }
    for (Object o : l) {
      if (!(o instanceof Map<?, ?> m)) {
        throw bad("extra_sources", "each entry must be a mapping with uris:, suites:", null);
      }
      for (Object k : m.keySet()) {
        if (!Set.of("types", "uris", "suites", "components", "signed_by")
            .contains(String.valueOf(k))) {
          throw bad(
              "extra_sources",
              "unknown key '" + k + "'",
              "allowed: types, uris, suites, components, signed_by");
        }
      }
      Object uris = m.get("uris");
      if (uris == null || !String.valueOf(uris).matches("(https?|file)://\\S+")) {
        throw bad(
            "extra_sources",
            "uris '" + uris + "' is not a URL",
            "an http://, https:// or file:// URL");
      }
      Path key = null;
      if (m.get("signed_by") != null) {
        key = Path.of(String.valueOf(m.get("signed_by")));
        if (!Files.isRegularFile(key)) {
          throw bad(
              "extra_sources",
              "signed_by key file not found: " + key,
              "a path to an OpenPGP key file on this host");
        }
      }
      List<String> suites = words(m.get("suites"));
      if (suites.isEmpty()) {
        throw bad(
            "extra_sources", "suites missing for " + uris, "e.g. suites: [bookworm-backports]");
      }
      List<String> types = words(m.get("types"));
      out.add(
          new AptSource(
              types.isEmpty() ? List.of("deb") : types,
              String.valueOf(uris),
              suites,
              words(m.get("components")),
              key));
    }
    return out;
  }

  private static List<String> words(Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v).trim().split("\\s+"));
  }

  private DebforgeException bad(String key, String detail, String allowed) {
    String file = origin.getOrDefault(key, layers.isEmpty() ? name : layers.get(layers.size() - 1));
    return new DebforgeException(
        ErrorKind.CONFIG,
        file + ": error: key '" + key + "': " + detail,
        allowed == null ? "see docs/deb-mock-config.md" : allowed);
  }
}
