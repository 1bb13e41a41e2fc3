package org.debforge.debmock.plugin.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.Console;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin compiled and packaged here, at test time, against the SPI only, and dropped into a
 * plugin directory: what a third-party author does, with nothing of theirs on our class path.
 */
class ThirdPartyPluginJarTest {
  @TempDir Path dir;

  static final String SOURCE =
      """
      package com.example.debmock;

      import java.nio.file.Files;
      import java.util.List;
      import org.debforge.debmock.plugin.api.*;

      public final class StampPlugin implements DebMockPlugin<StampPlugin.Options> {
        public record Options(String text) {}

        public String name() { return "stamp"; }
        public int apiVersion() { return API_VERSION_HERE; }
        public String description() { return "Write stamp.txt after the build"; }
        public boolean enabledByDefault() { return true; }
        public Class<Options> optionsType() { return Options.class; }
        public Options defaultOptions() { return new Options("built"); }
        public List<PluginOption> options() {
          return List.of(new PluginOption("text", "string", "built", "what to write"));
        }
        public void register(HookRegistrar hooks, Options options) {
          hooks.on(HookStage.POSTBUILD, c ->
              Files.writeString(c.resultDir().resolve("stamp.txt"),
                  options.text() + " " + c.sourcePackage() + "\\n"));
        }
      }
      """;

  /** Compiles {@link #SOURCE} with the given API version and packs it with its services file. */
  static Path pluginJar(Path work, Path pluginDir, String apiVersion) throws Exception {
    Path src = work.resolve("src/com/example/debmock/StampPlugin.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE.replace("API_VERSION_HERE", apiVersion));
    Path classes = Files.createDirectories(work.resolve("classes"));
    // The SPI's own location, not java.class.path: surefire may hide the class path in a jar.
    String spi =
        Path.of(DebMockPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "--release",
            "17",
            "-cp",
            spi,
            "-d",
            classes.toString(),
            src.toString());
    assertThat(rc).as("javac exit code").isZero();
    Files.createDirectories(pluginDir);
    Path jar = pluginDir.resolve("stamp-plugin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(
          new JarEntry("META-INF/services/org.debforge.debmock.plugin.api.DebMockPlugin"));
      OutputStream o = out;
      o.write("com.example.debmock.StampPlugin\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void jarDroppedInPluginDirIsFoundConfiguredAndRun() throws Exception {
    Path pluginDir = dir.resolve("plugins");
    Path jar = pluginJar(dir.resolve("work"), pluginDir, "API_VERSION");
    PluginManager m =
        PluginManager.load(
            PluginSettings.builder()
                .defaultDirs(false)
                .pluginDirs(List.of(pluginDir))
                .pluginOptions(List.of("stamp:text=stamped"))
                .disable(
                    List.of(
                        "hw_info",
                        "package_state",
                        "deps_cache",
                        "apt_cache",
                        "apt_request",
                        "overlayfs",
                        "buildroot_lock"))
                .console(Console.NULL)
                .build());
    assertThat(m.available())
        .filteredOn(p -> p.name().equals("stamp"))
        .singleElement()
        .extracting(DiscoveredPlugin::origin)
        .isEqualTo(jar.toString());
    assertThat(m.enabledPlugins()).containsExactly("stamp");
    Path result = Files.createDirectories(dir.resolve("result"));
    m.fire(SamplePlugin.context(HookStage.POSTBUILD, result));
    assertThat(result.resolve("stamp.txt")).hasContent("stamped hello\n");
    assertThat(m.ran()).containsExactly("stamp:postbuild");
  }

  @Test
  void jarForAnotherApiVersionIsRefusedNamingItsJar() throws Exception {
    Path pluginDir = dir.resolve("plugins");
    Path jar = pluginJar(dir.resolve("work"), pluginDir, "1");
    PluginSettings s =
        PluginSettings.builder().defaultDirs(false).pluginDirs(List.of(pluginDir)).build();
    try {
      PluginManager.load(s);
      throw new AssertionError("expected the API mismatch to fail");
    } catch (DebforgeException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILED);
      assertThat(e.getMessage())
          .isEqualTo(
              "plugin 'stamp' (from "
                  + jar
                  + ") was written for plugin API version 1, but this deb-mock implements"
                  + " version 2");
    }
  }

  @Test
  void jarBuiltForApiVersion1IsNamedInAWarningNotPassedOverInSilence() throws Exception {
    // Version 1 plugins declared themselves in the API's old package: ServiceLoader never sees
    // them.
    Path pluginDir = Files.createDirectories(dir.resolve("plugins"));
    Path jar = pluginDir.resolve("old-plugin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/org.debforge.debmock.plugin.DebMockPlugin"));
      out.write("com.example.debmock.OldPlugin\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    List<String> warnings = new java.util.ArrayList<>();
    PluginManager m =
        PluginManager.load(
            PluginSettings.builder()
                .defaultDirs(false)
                .pluginDirs(List.of(pluginDir))
                .console(warnings::add)
                .build());
    assertThat(m.available()).noneMatch(p -> p.origin().equals(jar.toString()));
    assertThat(warnings)
        .containsExactly(
            jar
                + " holds a plugin for plugin API version 1 (com.example.debmock.OldPlugin), which"
                + " this deb-mock does not load: it implements version 2 (package"
                + " org.debforge.debmock.plugin.api); install a version of the plugin built for it,"
                + " or remove the jar");
  }
}
