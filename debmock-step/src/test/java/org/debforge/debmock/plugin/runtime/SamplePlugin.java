package org.debforge.debmock.plugin.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption;

/** A configurable plugin for tests of the plugin manager: it does what each test attaches. */
final class SamplePlugin implements DebMockPlugin<SamplePlugin.Options> {
  record Options(boolean flag, int count, String label, List<String> items) {}

  final String name;
  int apiVersion = API_VERSION;
  boolean enabledByDefault = true;
  BiConsumer<HookRegistrar, Options> register = (h, o) -> {};
  final List<Options> seen = new ArrayList<>();

  SamplePlugin(String name) {
    this.name = name;
  }

  DiscoveredPlugin found() {
    return new DiscoveredPlugin(this, DiscoveredPlugin.CLASS_PATH);
  }

  static HookContext context(HookStage stage, Path dir) {
    return new HookContext(
        stage,
        "bookworm-amd64",
        dir,
        "hello",
        "2.10-3",
        null,
        dir,
        dir,
        "rebuild",
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int apiVersion() {
    return apiVersion;
  }

  @Override
  public String description() {
    return "sample plugin " + name;
  }

  @Override
  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  @Override
  public Class<Options> optionsType() {
    return Options.class;
  }

  @Override
  public Options defaultOptions() {
    return new Options(false, 1, "default", List.of());
  }

  @Override
  public List<PluginOption> options() {
    return List.of(
        new PluginOption("flag", "bool", "false", "a switch"),
        new PluginOption("count", "int", "1", "a number"),
        new PluginOption("label", "string", "default", "a text"),
        new PluginOption("items", "list", "", "some texts"));
  }

  @Override
  public void register(HookRegistrar hooks, Options options) {
    seen.add(options);
    register.accept(hooks, options);
  }
}
