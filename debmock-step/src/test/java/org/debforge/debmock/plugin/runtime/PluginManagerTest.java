package org.debforge.debmock.plugin.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.HookStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginManagerTest {
  @TempDir Path dir;
  final List<String> warnings = new ArrayList<>();

  PluginSettings.Builder settings() {
    return PluginSettings.builder().defaultDirs(false).console(warnings::add);
  }

  static PluginManager manager(PluginSettings s, SamplePlugin... plugins) {
    List<DiscoveredPlugin> found = new ArrayList<>();
    for (SamplePlugin p : plugins) {
      found.add(p.found());
    }
    return PluginManager.of(found, s);
  }

  static DebforgeException thrown(Runnable r) {
    try {
      r.run();
    } catch (DebforgeException e) {
      return e;
    }
    throw new AssertionError("expected a DebforgeException");
  }

  @Test
  void classPathDiscoveryFindsShippedPlugins() {
    List<DiscoveredPlugin> found = PluginDiscovery.discover(List.of(dir.resolve("none")));
    assertThat(found)
        .filteredOn(p -> p.origin().equals(DiscoveredPlugin.CLASS_PATH))
        .extracting(DiscoveredPlugin::name)
        .contains("package_state", "hw_info");
    PluginManager m = PluginManager.load(settings().build());
    assertThat(m.enabledPlugins()).containsSubsequence("package_state", "hw_info");
  }

  @Test
  void apiVersionMismatchNamesPluginAndBothVersions() {
    SamplePlugin old = new SamplePlugin("oldie");
    old.apiVersion = 99;
    DebforgeException e = thrown(() -> manager(settings().build(), old));
    assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILED);
    assertThat(e.getMessage())
        .isEqualTo(
            "plugin 'oldie' was written for plugin API version 99, but this deb-mock implements"
                + " version 2");
    // Disabled, it is harmless: listed, never loaded.
    assertThat(manager(settings().disable(List.of("oldie")).build(), old).enabledPlugins())
        .isEmpty();
  }

  @Test
  void unknownOptionKeyNamesPluginKeyAndAllowedKeys() {
    DebforgeException e =
        thrown(
            () ->
                manager(
                    settings().pluginOptions(List.of("sample:colour=red")).build(),
                    new SamplePlugin("sample")));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
    assertThat(e.getMessage()).isEqualTo("--plugin-option: plugin 'sample' has no option 'colour'");
    assertThat(e.hint().orElseThrow())
        .contains("allowed options: flag (bool), count (int), label (string), items (list)");
  }

  @Test
  void badValueNamesKeyAndExpectedType() {
    DebforgeException cli =
        thrown(
            () ->
                manager(
                    settings().pluginOptions(List.of("sample:count=many")).build(),
                    new SamplePlugin("sample")));
    assertThat(cli.kind()).isEqualTo(ErrorKind.CONFIG);
    assertThat(cli.getMessage())
        .isEqualTo("--plugin-option: plugin 'sample' option 'count' expects an int, not 'many'");

    Map<String, Object> yaml = Map.of("sample", Map.of("flag", "maybe"));
    DebforgeException fromYaml =
        thrown(
            () ->
                manager(
                    settings().pluginConf(yaml).configSource("site.yaml").build(),
                    new SamplePlugin("sample")));
    assertThat(fromYaml.getMessage())
        .isEqualTo(
            "plugin_conf in site.yaml: plugin 'sample' option 'flag' expects a bool (true or"
                + " false), not 'maybe'");
    assertThat(fromYaml.hint().orElseThrow()).contains("flag (bool)");
  }

  @Test
  void malformedPluginOptionIsConfigError() {
    DebforgeException e =
        thrown(
            () ->
                manager(
                    settings().pluginOptions(List.of("sample=1")).build(),
                    new SamplePlugin("sample")));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
    assertThat(e.getMessage()).contains("expected NAME:KEY=VALUE");
  }

  @Test
  void optionPrecedenceIsDefaultsThenYamlThenCommandLine() {
    SamplePlugin p = new SamplePlugin("sample");
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("sample", Map.of("label", "yaml", "count", 3, "items", List.of("y1", "y2")));
    PluginManager m =
        manager(
            settings()
                .pluginConf(yaml)
                .pluginOptions(List.of("sample:label=cli", "sample:items=a,b", "sample:flag=True"))
                .build(),
            p);
    assertThat(p.seen).containsExactly(new SamplePlugin.Options(true, 3, "cli", List.of("a", "b")));
    assertThat(m.effectiveOptions().get("sample"))
        .containsEntry("label", "cli")
        .containsEntry("count", 3);
    // Without overrides the defaults stand.
    SamplePlugin plain = new SamplePlugin("sample");
    manager(settings().build(), plain);
    assertThat(plain.seen).containsExactly(plain.defaultOptions());
  }

  @Test
  void enablingFollowsDefaultThenYamlThenCommandLine() {
    SamplePlugin off = new SamplePlugin("off");
    off.enabledByDefault = false;
    SamplePlugin on = new SamplePlugin("on");
    assertThat(manager(settings().build(), off, on).enabledPlugins()).containsExactly("on");
    Map<String, Object> yaml = Map.of("off", Map.of("enable", true), "on", false);
    assertThat(manager(settings().pluginConf(yaml).build(), off, on).enabledPlugins())
        .containsExactly("off");
    assertThat(
            manager(
                    settings()
                        .pluginConf(yaml)
                        .enable(List.of("on"))
                        .disable(List.of("off"))
                        .build(),
                    off,
                    on)
                .enabledPlugins())
        .containsExactly("on");
    assertThat(manager(settings().disable(List.of("*")).build(), off, on).enabledPlugins())
        .isEmpty();
  }

  @Test
  void unknownPluginNameIsConfigErrorListingKnownOnes() {
    DebforgeException e =
        thrown(
            () ->
                manager(
                    settings().enable(List.of("ccache")).build(),
                    new SamplePlugin("b"),
                    new SamplePlugin("a")));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
    assertThat(e.getMessage())
        .isEqualTo("--enable-plugin: no plugin named 'ccache'; known plugins: a, b");

    DebforgeException mock =
        thrown(
            () ->
                manager(
                    settings().pluginConf(Map.of("a_enable", true)).configSource("x.yaml").build(),
                    new SamplePlugin("a")));
    assertThat(mock.getMessage()).startsWith("x.yaml: plugin_conf.a_enable: no plugin named");
    assertThat(mock.hint().orElseThrow()).contains("plugin_conf: {a: {enable: true, KEY: VALUE}}");
  }

  @Test
  void failingHookFailsWithPluginAndHookName() {
    SamplePlugin p = new SamplePlugin("sample");
    p.register =
        (h, o) ->
            h.on(
                HookStage.POSTBUILD,
                c -> {
                  throw new IllegalStateException("boom");
                });
    PluginManager m = manager(settings().build(), p);
    DebforgeException e = thrown(() -> m.fire(SamplePlugin.context(HookStage.POSTBUILD, dir)));
    assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILED);
    assertThat(e.getMessage()).isEqualTo("plugin 'sample' failed in hook 'postbuild': boom");
    assertThat(e.hint().orElseThrow()).contains("--disable-plugin=sample");
    assertThat(m.ran()).containsExactly("sample:postbuild");
  }

  @Test
  void bestEffortHookFailureWarnsAndGoesOn() {
    SamplePlugin p = new SamplePlugin("sample");
    List<String> after = new ArrayList<>();
    p.register =
        (h, o) -> {
          h.onBestEffort(
              HookStage.PREBUILD,
              c -> {
                throw new java.io.IOException("no /proc");
              });
          h.on(HookStage.PREBUILD, c -> after.add("second"));
        };
    PluginManager m = manager(settings().build(), p);
    m.fire(SamplePlugin.context(HookStage.PREBUILD, dir));
    assertThat(after).containsExactly("second");
    assertThat(m.warnings()).containsExactly("plugin 'sample' failed in hook 'prebuild': no /proc");
    assertThat(warnings).singleElement().asString().contains("best-effort");
    assertThat(m.ran()).containsExactly("sample:prebuild", "sample:prebuild");
  }

  @Test
  void requiredHookWithoutProviderNamesPluginsThatWouldProvideIt() {
    SamplePlugin snap = new SamplePlugin("snapper");
    snap.enabledByDefault = false;
    snap.register = (h, o) -> h.on(HookStage.MAKE_SNAPSHOT, c -> {});
    PluginManager m = manager(settings().build(), snap);
    assertThat(m.hasProvider(HookStage.MAKE_SNAPSHOT)).isFalse();
    DebforgeException e = thrown(() -> m.fire(SamplePlugin.context(HookStage.MAKE_SNAPSHOT, dir)));
    assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILED);
    assertThat(e.getMessage())
        .isEqualTo(
            "no enabled plugin provides the 'make_snapshot' hook; plugins that provide it:"
                + " overlayfs, lvm_root, snapper");
    assertThat(e.hint().orElseThrow()).contains("--enable-plugin=overlayfs");

    PluginManager withIt = manager(settings().enable(List.of("snapper")).build(), snap);
    assertThat(withIt.hasProvider(HookStage.MAKE_SNAPSHOT)).isTrue();
    withIt.fire(SamplePlugin.context(HookStage.MAKE_SNAPSHOT, dir));
    assertThat(withIt.ran()).containsExactly("snapper:make_snapshot");
    // An optional hook with nobody registered is simply quiet.
    withIt.fire(SamplePlugin.context(HookStage.POSTBUILD, dir));
  }

  @Test
  void hooksFireInPluginListOrderThenThirdPartyByName() {
    List<String> order = new ArrayList<>();
    SamplePlugin[] plugins = {
      new SamplePlugin("zeta"),
      new SamplePlugin("hw_info"),
      new SamplePlugin("alpha"),
      new SamplePlugin("package_state"),
      new SamplePlugin("tmpfs"),
    };
    for (SamplePlugin p : plugins) {
      p.register = (h, o) -> h.on(HookStage.POSTINIT, c -> order.add(p.name));
    }
    PluginManager m = manager(settings().build(), plugins);
    m.fire(SamplePlugin.context(HookStage.POSTINIT, dir));
    assertThat(order).containsExactly("tmpfs", "package_state", "hw_info", "alpha", "zeta");
    assertThat(m.enabledPlugins()).isEqualTo(order);
    assertThat(m.ran()).first().isEqualTo("tmpfs:postinit");
  }

  @Test
  void optionsOfDisabledPluginsAreStillChecked() throws Exception {
    SamplePlugin p = new SamplePlugin("sample");
    p.enabledByDefault = false;
    DebforgeException e =
        thrown(
            () -> manager(settings().pluginConf(Map.of("sample", Map.of("typo", 1))).build(), p));
    assertThat(e.getMessage()).contains("has no option 'typo'");
    assertThat(Files.list(dir)).isEmpty();
  }
}
