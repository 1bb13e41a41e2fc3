package org.debforge.debmock.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One effective chroot configuration, after every layer and {@code --config-opts} was applied and
 * validated.
 *
 * @param name the config name ({@code bookworm-amd64}), also the cache directory name
 * @param mirror the Debian mirror URL, never null (defaults to the host's mirror)
 * @param variant mmdebstrap's {@code --variant}
 * @param dscKeyring keyring files a .dsc's signature is checked against; empty: not checked
 * @param layers the files that were read, lowest priority first (for messages and result.json)
 */
public record ChrootConfig(
    String name,
    String suite,
    String architecture,
    String mirror,
    List<String> components,
    String variant,
    List<String> extraPackages,
    List<AptSource> extraSources,
    Map<String, String> environment,
    Map<String, Map<String, Object>> pluginConf,
    List<Path> dscKeyring,
    List<String> layers) {
  public ChrootConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(mirror, "mirror");
    components = List.copyOf(components);
    extraPackages = List.copyOf(extraPackages);
    extraSources = List.copyOf(extraSources);
    environment = Map.copyOf(environment);
    pluginConf = Map.copyOf(pluginConf);
    dscKeyring = List.copyOf(dscKeyring);
    layers = List.copyOf(layers);
  }

  /** The configuration as YAML-keyed values, for hooks and result.json. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("suite", suite);
    m.put("architecture", architecture);
    m.put("mirror", mirror);
    m.put("components", components);
    m.put("variant", variant);
    m.put("extra_packages", extraPackages);
    m.put(
        "extra_sources",
        extraSources.stream()
            .map(
                s -> {
                  Map<String, Object> e = new LinkedHashMap<>();
                  e.put("types", s.types());
                  e.put("uris", s.uris());
                  e.put("suites", s.suites());
                  e.put("components", s.components());
                  e.put("signed_by", s.signedBy() == null ? null : s.signedBy().toString());
                  return e;
                })
            .toList());
    m.put("environment", environment);
    m.put("plugin_conf", pluginConf);
    m.put("dsc_keyring", dscKeyring.stream().map(Path::toString).toList());
    m.put("layers", layers);
    return m;
  }

  /** Where a source's key file is, for messages. */
  static String describe(Path p) {
    return p == null ? "-" : p.toString();
  }
}
