package org.debforge.debmock.plugin.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.AptArchiveProvider;
import org.debforge.debmock.plugin.api.BuildDepsProvider;
import org.debforge.debmock.plugin.api.Console;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookStage;

/**
 * The plugin system of one deb-mock run: finds plugins, decides which are enabled, binds their
 * options, and fires their hooks for the build engine.
 *
 * <p>Entry point for the engine: {@link #load(PluginSettings)} (or the {@link #load(Map, List,
 * List, List, List)} shorthand), once per run, after the config is read and before the first hook.
 * Every user mistake is a {@link DebforgeException}: an unknown plugin name, option key or bad
 * value is {@code CONFIG} (listing what is allowed); an incompatible plugin API version, a plugin
 * failing in a hook, or a required hook without provider is {@code PLUGIN_FAILED}.
 *
 * <p>Enabling, later wins: the plugin's {@link DebMockPlugin#enabledByDefault()}, then YAML {@code
 * plugin_conf.<name>.enable}, then {@code --enable-plugin}, then {@code --disable-plugin}. Options,
 * later wins key by key: {@link DebMockPlugin#defaultOptions()}, YAML, {@code --plugin-option}.
 *
 * <p>Hooks run in {@link KnownPlugins#FIRING_ORDER} (Mock's PLUGIN_LIST order for deb-mock's own
 * plugins, then third-party plugins by name), and within a plugin in the order it registered them.
 * Firing is thread-safe; the engine normally fires from one thread.
 */
public final class PluginManager implements HookDispatcher {
  private final List<DiscoveredPlugin> available;
  private final List<DiscoveredPlugin> enabled;
  private final Map<String, Map<String, Object>> effectiveOptions;
  private final Map<String, Object> boundOptions;
  private final Map<HookStage, List<RegisteredHook>> hooks = new EnumMap<>(HookStage.class);
  private final Map<Class<?>, Provided<?>> providers = new LinkedHashMap<>();
  private final Console console;
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  /**
   * Shorthand for {@link #load(PluginSettings)} with the default plugin directories and warnings to
   * standard error.
   *
   * @param pluginConf the YAML {@code plugin_conf} map (may be null)
   * @param enable {@code --enable-plugin} names
   * @param disable {@code --disable-plugin} names
   * @param pluginOptions {@code --plugin-option} strings, {@code NAME:KEY=VALUE}
   * @param pluginDirs the {@code --plugin-dir} directories, searched after the defaults
   */
  public static PluginManager load(
      Map<String, Object> pluginConf,
      List<String> enable,
      List<String> disable,
      List<String> pluginOptions,
      List<Path> pluginDirs) {
    return load(
        PluginSettings.builder()
            .pluginConf(pluginConf == null ? Map.of() : pluginConf)
            .enable(enable == null ? List.of() : enable)
            .disable(disable == null ? List.of() : disable)
            .pluginOptions(pluginOptions == null ? List.of() : pluginOptions)
            .pluginDirs(pluginDirs == null ? List.of() : pluginDirs)
            .build());
  }

  /** Discovers plugins on the class path and in {@link #searchPath}, then applies settings. */
  public static PluginManager load(PluginSettings settings) {
    return of(PluginDiscovery.discover(searchPath(settings), settings.console()), settings);
  }

  /** The plugin directories searched, in order: the defaults (if asked), then the config's. */
  public static List<Path> searchPath(PluginSettings settings) {
    List<Path> dirs = new ArrayList<>();
    if (settings.defaultDirs()) {
      dirs.addAll(PluginDiscovery.defaultDirs());
    }
    dirs.addAll(settings.pluginDirs());
    return List.copyOf(new LinkedHashSet<>(dirs));
  }

  /** Applies settings to an explicit set of plugins (for tests and embedders with their own). */
  public static PluginManager of(List<DiscoveredPlugin> available, PluginSettings settings) {
    return new PluginManager(available, settings);
  }

  private PluginManager(List<DiscoveredPlugin> available, PluginSettings settings) {
    this.console = settings.console();
    Map<String, DiscoveredPlugin> byName = new LinkedHashMap<>();
    for (DiscoveredPlugin p : available) {
      byName.put(p.name(), p);
    }
    this.available = List.copyOf(available);
    PluginRequests requests = PluginRequests.parse(settings, byName.keySet());

    Set<String> on = new TreeSet<>(KnownPlugins.FIRING_ORDER);
    for (DiscoveredPlugin p : available) {
      if (requests.enabled(p.name(), p.plugin().enabledByDefault())) {
        on.add(p.name());
      }
    }
    Map<String, Object> boundOptions = new LinkedHashMap<>();
    Map<String, Map<String, Object>> effective = new LinkedHashMap<>();
    for (DiscoveredPlugin p : available) {
      boolean isOn = on.contains(p.name());
      boolean configured = requests.configures(p.name());
      if (p.plugin().apiVersion() != DebMockPlugin.API_VERSION) {
        if (isOn) {
          throw apiMismatch(p);
        }
        if (configured) {
          console.warn(
              apiMismatch(p).getMessage() + " (it is disabled, so its options are unused)");
        }
        continue;
      }
      if (isOn || configured) {
        // Options of a disabled plugin are still checked: a typo should not wait for the day the
        // plugin is enabled.
        OptionsBinder.Bound bound =
            OptionsBinder.bind(
                p,
                requests.yamlOptions(p.name()),
                requests.cliOptions(p.name()),
                settings.configSource());
        if (isOn) {
          boundOptions.put(p.name(), bound.options());
          effective.put(p.name(), Collections.unmodifiableMap(bound.effective()));
        }
      }
    }
    List<DiscoveredPlugin> order = new ArrayList<>();
    for (String name : on) {
      DiscoveredPlugin p = byName.get(name);
      order.add(p);
      HookRecorder.Registration registration = register(p, boundOptions.get(name));
      for (RegisteredHook h : registration.hooks()) {
        hooks.computeIfAbsent(h.stage(), s -> new ArrayList<>()).add(h);
      }
      registration.providers().forEach((type, impl) -> provide(type, p, impl));
    }
    this.enabled = List.copyOf(order);
    this.effectiveOptions = Collections.unmodifiableMap(effective);
    this.boundOptions = Collections.unmodifiableMap(boundOptions);
  }

  /** The bound options record of {@code plugin} if it is enabled, else empty. */
  public Optional<Object> enabledOptions(String plugin) {
    return Optional.ofNullable(boundOptions.get(plugin));
  }

  private void provide(Class<?> type, DiscoveredPlugin p, Object impl) {
    Provided<?> previous = providers.putIfAbsent(type, new Provided<>(p.name(), impl));
    if (previous != null) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "plugins '"
              + previous.plugin()
              + "' and '"
              + p.name()
              + "' both provide "
              + type.getSimpleName()
              + "; only one may",
          "disable one, e.g. --disable-plugin=" + p.name());
    }
  }

  @Override
  public Optional<Provided<BuildDepsProvider>> buildDepsProvider() {
    return provided(BuildDepsProvider.class);
  }

  @Override
  public Optional<Provided<AptArchiveProvider>> aptArchiveProvider() {
    return provided(AptArchiveProvider.class);
  }

  @SuppressWarnings("unchecked")
  private <T> Optional<Provided<T>> provided(Class<T> type) {
    return Optional.ofNullable((Provided<T>) providers.get(type));
  }

  private static HookRecorder.Registration register(DiscoveredPlugin p, Object options) {
    try {
      return HookRecorder.recordAll(p, options);
    } catch (RuntimeException | LinkageError e) {
      throw new DebforgeException(
          ErrorKind.PLUGIN_FAILED,
          p.label() + " failed to register its hooks: " + messageOf(e),
          "disable it with --disable-plugin=" + p.name() + ", or report it to its author",
          e);
    }
  }

  static DebforgeException apiMismatch(DiscoveredPlugin p) {
    return new DebforgeException(
        ErrorKind.PLUGIN_FAILED,
        p.label()
            + " was written for plugin API version "
            + p.plugin().apiVersion()
            + ", but this deb-mock implements version "
            + DebMockPlugin.API_VERSION,
        "install a version of the plugin built for plugin API "
            + DebMockPlugin.API_VERSION
            + ", or disable it with --disable-plugin="
            + p.name());
  }

  @Override
  public void fire(HookContext context) {
    HookStage stage = context.stage();
    List<RegisteredHook> registered = hooks.getOrDefault(stage, List.of());
    if (registered.isEmpty() && stage.requiresProvider()) {
      throw noProvider(stage);
    }
    for (RegisteredHook h : registered) {
      String id = h.plugin() + ":" + stage.hookName();
      ran.add(id);
      try {
        h.hook().run(context);
      } catch (Exception | LinkageError e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        String message =
            "plugin '"
                + h.plugin()
                + "' failed in hook '"
                + stage.hookName()
                + "': "
                + messageOf(e);
        if (h.bestEffort() && !(e instanceof InterruptedException)) {
          warnings.add(message);
          console.warn(message + " (best-effort hook; the build goes on)");
          continue;
        }
        String hint =
            e instanceof DebforgeException de && de.hint().isPresent()
                ? de.hint().get()
                : "read the plugin's log in the result directory, or disable it with"
                    + " --disable-plugin="
                    + h.plugin();
        throw new DebforgeException(ErrorKind.PLUGIN_FAILED, message, hint, e);
      }
    }
  }

  private DebforgeException noProvider(HookStage stage) {
    Set<String> providers = new LinkedHashSet<>(KnownPlugins.providerHints(stage));
    for (DiscoveredPlugin p : available) {
      if (p.plugin().apiVersion() != DebMockPlugin.API_VERSION) {
        continue;
      }
      try {
        for (RegisteredHook h : HookRecorder.record(p, p.plugin().defaultOptions())) {
          if (h.stage() == stage) {
            providers.add(p.name());
          }
        }
      } catch (RuntimeException | LinkageError e) {
        // It cannot say what it provides; the error below is about the missing provider.
      }
    }
    String would =
        providers.isEmpty()
            ? "no known plugin provides it"
            : "plugins that provide it: " + String.join(", ", providers);
    return new DebforgeException(
        ErrorKind.PLUGIN_FAILED,
        "no enabled plugin provides the '" + stage.hookName() + "' hook; " + would,
        providers.isEmpty()
            ? "install a plugin that provides it (see 'deb-mock hook-info "
                + stage.hookName()
                + "')"
            : "enable one, e.g. --enable-plugin=" + providers.iterator().next());
  }

  private static String messageOf(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getName() : m;
  }

  @Override
  public boolean hasProvider(HookStage stage) {
    return !hooks.getOrDefault(stage, List.of()).isEmpty();
  }

  @Override
  public List<String> ran() {
    synchronized (ran) {
      return List.copyOf(ran);
    }
  }

  @Override
  public List<String> enabledPlugins() {
    return enabled.stream().map(DiscoveredPlugin::name).toList();
  }

  /** Best-effort hook failures, as {@code plugin 'x' failed in hook 'y': message}, in order. */
  public List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  /** Every plugin found, enabled or not, in discovery order. */
  public List<DiscoveredPlugin> available() {
    return available;
  }

  /** The merged options of each enabled plugin (snake_case keys), for result.json. */
  public Map<String, Map<String, Object>> effectiveOptions() {
    return effectiveOptions;
  }
}
