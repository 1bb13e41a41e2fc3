package org.debforge.debmock.plugin.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.fs.XdgDirs;
import org.debforge.debmock.plugin.api.Console;
import org.debforge.debmock.plugin.api.DebMockPlugin;

/**
 * Finds plugins: {@link ServiceLoader} on deb-mock's own class path, then in the jars of each
 * plugin directory. Each directory gets its own class loader (parent: deb-mock's), so a third-party
 * jar sees the SPI but not another directory's classes.
 */
public final class PluginDiscovery {
  /** System-wide plugins, as a Debian package of a plugin would install them. */
  public static final Path SYSTEM_DIR = Path.of("/usr/lib/deb-mock/plugins");

  /** Where plugins for API version 1 declared themselves, before the API had its own package. */
  private static final String V1_SERVICE_FILE =
      "META-INF/services/org.debforge.debmock.plugin.DebMockPlugin";

  private PluginDiscovery() {}

  /**
   * The default directories: {@link #SYSTEM_DIR}, then the user's {@code
   * $XDG_DATA_HOME/deb-mock/plugins} (default {@code ~/.local/share/deb-mock/plugins}).
   */
  public static List<Path> defaultDirs() {
    Path data = XdgDirs.fromEnvironment().dataHome();
    return List.of(SYSTEM_DIR, data.resolve("deb-mock").resolve("plugins"));
  }

  /**
   * Every plugin on the class path and in {@code dirs} (missing directories are skipped), in
   * discovery order. Two plugins with one name are a CONFIG error naming both origins: silently
   * preferring one would make the build depend on directory order.
   */
  public static List<DiscoveredPlugin> discover(List<Path> dirs) {
    return discover(dirs, Console.NULL);
  }

  /**
   * Like {@link #discover(List)}, warning on {@code console} about jars of plugins written for
   * plugin API version 1: they name the API's old package in their service file, so {@link
   * ServiceLoader} would pass them over in silence, and the user would only learn that no plugin
   * has their plugin's name.
   */
  public static List<DiscoveredPlugin> discover(List<Path> dirs, Console console) {
    Map<String, DiscoveredPlugin> byName = new LinkedHashMap<>();
    ClassLoader own = DebMockPlugin.class.getClassLoader();
    for (DebMockPlugin<?> p : load(own, null, DiscoveredPlugin.CLASS_PATH)) {
      add(byName, new DiscoveredPlugin(p, DiscoveredPlugin.CLASS_PATH));
    }
    for (Path dir : dirs) {
      List<Path> jars = jars(dir);
      if (jars.isEmpty()) {
        continue;
      }
      for (Path jar : jars) {
        String v1 = apiVersion1Plugins(jar);
        if (v1 != null) {
          console.warn(
              jar
                  + " holds a plugin for plugin API version 1 ("
                  + v1
                  + "), which this deb-mock does not load: it implements version "
                  + DebMockPlugin.API_VERSION
                  + " (package org.debforge.debmock.plugin.api); install a version of the plugin"
                  + " built for it, or remove the jar");
        }
      }
      // One loader for the whole directory, so a plugin jar can ship its libraries beside it.
      // The loader stays open for the life of the process: hooks load classes lazily.
      URLClassLoader loader = new URLClassLoader(urls(jars), own);
      for (DebMockPlugin<?> p : load(loader, loader, dir.toString())) {
        add(byName, new DiscoveredPlugin(p, jarOf(p, dir)));
      }
    }
    return List.copyOf(byName.values());
  }

  private static void add(Map<String, DiscoveredPlugin> byName, DiscoveredPlugin found) {
    DiscoveredPlugin previous = byName.putIfAbsent(found.name(), found);
    if (previous != null) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "two plugins are named '"
              + found.name()
              + "': one from "
              + previous.origin()
              + ", one from "
              + found.origin(),
          "remove one of them; plugin names must be unique");
    }
  }

  /**
   * Instantiates the providers visible through {@code loader}; with {@code only} set, just those
   * defined by that loader, so the parent's class path plugins are not found twice.
   */
  private static List<DebMockPlugin<?>> load(ClassLoader loader, ClassLoader only, String origin) {
    List<DebMockPlugin<?>> out = new ArrayList<>();
    try {
      @SuppressWarnings("rawtypes")
      ServiceLoader<DebMockPlugin> services = ServiceLoader.load(DebMockPlugin.class, loader);
      for (@SuppressWarnings("rawtypes")
      ServiceLoader.Provider<DebMockPlugin> provider : services.stream().toList()) {
        if (only != null && provider.type().getClassLoader() != only) {
          continue;
        }
        out.add(provider.get());
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new DebforgeException(
          ErrorKind.PLUGIN_FAILED,
          "cannot load the plugins in " + origin + ": " + e.getMessage(),
          "the jar may be built for another deb-mock; rebuild it or remove it",
          e);
    }
    return out;
  }

  /** The class names in a jar's API version 1 service file, or null when it has none. */
  private static String apiVersion1Plugins(Path jar) {
    try (JarFile f = new JarFile(jar.toFile())) {
      JarEntry e = f.getJarEntry(V1_SERVICE_FILE);
      if (e == null) {
        return null;
      }
      try (InputStream in = f.getInputStream(e)) {
        String names =
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .map(l -> l.replaceFirst("#.*", "").strip())
                .filter(l -> !l.isEmpty())
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? V1_SERVICE_FILE : names;
      }
    } catch (IOException e) {
      return null; // not a readable jar: the class loader reports it if it matters
    }
  }

  private static String jarOf(DebMockPlugin<?> plugin, Path dir) {
    try {
      return Path.of(plugin.getClass().getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (RuntimeException | java.net.URISyntaxException e) {
      return dir.toString();
    }
  }

  private static List<Path> jars(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
      entries.forEach(jars::add);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot list plugin directory " + dir + ": " + e.getMessage(), null, e);
    }
    jars.sort(null);
    return jars;
  }

  private static URL[] urls(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(jars.get(i).toString(), e);
      }
    }
    return urls;
  }
}
