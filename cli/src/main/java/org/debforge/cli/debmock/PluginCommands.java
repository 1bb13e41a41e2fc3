package org.debforge.cli.debmock;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption;
import org.debforge.debmock.plugin.runtime.DiscoveredPlugin;
import org.debforge.debmock.plugin.runtime.KnownPlugins;
import org.debforge.debmock.plugin.runtime.PluginDescription;
import org.debforge.debmock.plugin.runtime.PluginDescription.HookUse;
import org.debforge.debmock.plugin.runtime.PluginDiscovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code deb-mock list-plugins | plugin-help NAME | list-hooks | hook-info NAME}: what the plugin
 * system holds, from the same discovery a build uses. An unknown NAME is {@link
 * ExitCodes#NOT_FOUND} (5): it is a lookup, not a configuration; an unknown name in {@code
 * --enable-plugin} or {@code plugin_conf} is a configuration error (50).
 */
public final class PluginCommands {
  private PluginCommands() {}

  /**
   * The plugins a command sees: those on the class path, in the default directories and in the
   * {@code --plugin-dir} directories given to deb-mock.
   */
  static List<PluginDescription> catalog(DebMockCommand parent) {
    List<Path> search = new ArrayList<>(PluginDiscovery.defaultDirs());
    search.addAll(parent.pluginDirs);
    List<DiscoveredPlugin> found = new ArrayList<>(PluginDiscovery.discover(search));
    found.sort((a, b) -> KnownPlugins.FIRING_ORDER.compare(a.name(), b.name()));
    return found.stream().map(PluginDescription::of).toList();
  }

  @Command(
      name = "list-plugins",
      mixinStandardHelpOptions = true,
      description = {
        "List the plugins found, in the order their hooks run: name, enabled by default,",
        "plugin API version, hooks (* = best-effort) and what the plugin does."
      })
  public static final class ListPlugins implements Callable<Integer> {
    @ParentCommand DebMockCommand parent;
    @Mixin JsonOutput json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<PluginDescription> plugins = catalog(parent);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", DebMockPlugin.API_VERSION);
        doc.put("plugins", plugins);
        JsonOutput.print(out, doc);
        return ExitCodes.OK;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"NAME", "DEFAULT", "API", "HOOKS", "DESCRIPTION"});
      for (PluginDescription p : plugins) {
        rows.add(
            new String[] {
              p.name(),
              p.enabledByDefault() ? "on" : "off",
              p.compatible() ? String.valueOf(p.apiVersion()) : p.apiVersion() + "!",
              p.hooks().isEmpty() ? "-" : hookList(p.hooks()),
              p.description()
            });
      }
      printTable(out, rows);
      out.println();
      out.println("* best-effort hook: a failure is a warning.  ! incompatible plugin API version");
      out.println(
          "(this deb-mock: " + DebMockPlugin.API_VERSION + "). Details: deb-mock plugin-help NAME");
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "plugin-help",
      mixinStandardHelpOptions = true,
      description = "Show a plugin's description, options (type, default) and hooks.")
  public static final class PluginHelp implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The plugin, e.g. package_state.")
    String name;

    @ParentCommand DebMockCommand parent;
    @Mixin JsonOutput json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<PluginDescription> all = catalog(parent);
      PluginDescription p =
          all.stream()
              .filter(d -> d.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new DebforgeException(
                          ErrorKind.NOT_FOUND,
                          "no plugin named '"
                              + name
                              + "'; known plugins: "
                              + all.stream()
                                  .map(PluginDescription::name)
                                  .sorted()
                                  .collect(Collectors.joining(", ")),
                          "see 'deb-mock list-plugins'"));
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, p);
        return ExitCodes.OK;
      }
      out.println(p.name() + ": " + p.description());
      out.println();
      out.println("Enabled by default: " + (p.enabledByDefault() ? "yes" : "no"));
      out.println(
          "Plugin API version: "
              + p.apiVersion()
              + (p.compatible()
                  ? ""
                  : " (incompatible: this deb-mock implements " + DebMockPlugin.API_VERSION + ")"));
      out.println("From: " + p.origin());
      out.println();
      if (p.options().isEmpty()) {
        out.println("Options: none");
      } else {
        out.println("Options (YAML plugin_conf: {" + p.name() + ": {KEY: VALUE}}, or");
        out.println("         --plugin-option " + p.name() + ":KEY=VALUE):");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"  KEY", "TYPE", "DEFAULT", "DESCRIPTION"});
        for (PluginOption o : p.options()) {
          rows.add(
              new String[] {
                "  " + o.name(),
                o.type(),
                o.defaultValue() == null || o.defaultValue().isEmpty() ? "-" : o.defaultValue(),
                o.description()
              });
        }
        printTable(out, rows);
      }
      out.println();
      out.println("Hooks (with default options):");
      if (p.hooks().isEmpty()) {
        out.println("  none");
      }
      List<String[]> hooks = new ArrayList<>();
      for (HookUse h : p.hooks()) {
        HookStage stage = HookStage.byName(h.hook());
        hooks.add(
            new String[] {"  " + h.hook() + (h.bestEffort() ? " *" : ""), stage.description()});
      }
      printTable(out, hooks);
      if (p.hooks().stream().anyMatch(HookUse::bestEffort)) {
        out.println("  * best-effort: a failure is logged as a warning and the build goes on");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** One hook and who uses it, for list-hooks and hook-info. */
  public record HookUsers(
      String hook,
      String description,
      boolean requiresProvider,
      List<String> plugins,
      List<String> knownProviders) {}

  static HookUsers users(HookStage stage, List<PluginDescription> plugins) {
    List<String> users = new ArrayList<>();
    for (PluginDescription p : plugins) {
      for (HookUse h : p.hooks()) {
        if (h.hook().equals(stage.hookName()) && !users.contains(p.name())) {
          users.add(p.name());
        }
      }
    }
    return new HookUsers(
        stage.hookName(),
        stage.description(),
        stage.requiresProvider(),
        users,
        KnownPlugins.providerHints(stage));
  }

  @Command(
      name = "list-hooks",
      mixinStandardHelpOptions = true,
      description = {
        "List every hook of deb-mock's lifecycle, what it marks, and the plugins that use it.",
        "A hook marked 'required' fails the operation when no enabled plugin provides it."
      })
  public static final class ListHooks implements Callable<Integer> {
    @ParentCommand DebMockCommand parent;
    @Mixin JsonOutput json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<PluginDescription> plugins = catalog(parent);
      List<HookUsers> hooks = new ArrayList<>();
      for (HookStage stage : HookStage.values()) {
        hooks.add(users(stage, plugins));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, hooks);
        return ExitCodes.OK;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"HOOK", "PLUGINS", "DESCRIPTION"});
      for (HookUsers h : hooks) {
        rows.add(
            new String[] {
              h.hook(),
              h.plugins().isEmpty() ? "-" : String.join(",", h.plugins()),
              (h.requiresProvider() ? "(required) " : "") + h.description()
            });
      }
      printTable(out, rows);
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "hook-info",
      mixinStandardHelpOptions = true,
      description = "Show what a hook marks, whether it needs a provider, and its plugins.")
  public static final class HookInfo implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The hook, e.g. postbuild.")
    String name;

    @ParentCommand DebMockCommand parent;
    @Mixin JsonOutput json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      HookStage stage = HookStage.byName(name);
      if (stage == null) {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND,
            "no hook named '" + name + "'",
            "hooks: "
                + java.util.Arrays.stream(HookStage.values())
                    .map(HookStage::hookName)
                    .collect(Collectors.joining(", ")));
      }
      HookUsers h = users(stage, catalog(parent));
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, h);
        return ExitCodes.OK;
      }
      out.println(h.hook() + ": " + h.description());
      out.println(
          "Required: "
              + (h.requiresProvider()
                  ? "yes (the operation fails when no enabled plugin provides it)"
                  : "no"));
      out.println("Plugins: " + (h.plugins().isEmpty() ? "none" : String.join(", ", h.plugins())));
      if (!h.knownProviders().isEmpty()) {
        out.println("Provided by: " + String.join(", ", h.knownProviders()));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  static String hookList(List<HookUse> hooks) {
    return hooks.stream()
        .map(h -> h.hook() + (h.bestEffort() ? "*" : ""))
        .distinct()
        .collect(Collectors.joining(","));
  }

  /** Left-aligned columns, two spaces apart; the last column is not padded. */
  static void printTable(PrintWriter out, List<String[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols - 1; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        sb.append(i < cols - 1 ? pad(r[i], width[i] + 2) : r[i]);
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
