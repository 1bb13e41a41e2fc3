package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.debforge.cli.debmock.DebMockBuildTest.Outcome;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin written as a third party writes one: compiled here against the plugin API only, packed
 * in a jar, dropped into the user's plugin directory. In a real build it adds a read-only bind
 * mount that debian/rules reads, a variable dpkg-buildpackage gets (procenv shows it), and a file
 * collected from the root into the result directory after the build.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class ThirdPartyPluginBuildTest {
  @TempDir Path dir;

  static final String SOURCE =
      """
      package com.example.debmock;

      import java.nio.file.Path;
      import org.debforge.debmock.plugin.api.*;
      import org.debforge.debmock.plugin.api.PluginOption.Doc;

      public final class ProbePlugin implements DebMockPlugin<ProbePlugin.Options> {
        public record Options(
            @Doc("Host directory bound read-only at /srv/probe") String dir,
            @Doc("Value of PROBE_VAR in the build") String value) {
          public static final Options DEFAULTS = new Options("/nonexistent", "probe");
        }

        public String name() { return "probe"; }
        public int apiVersion() { return API_VERSION; }
        public String description() { return "Bind a probe, set PROBE_VAR, collect probe-out.txt"; }
        public boolean enabledByDefault() { return false; }
        public Options defaultOptions() { return Options.DEFAULTS; }

        public void register(HookRegistrar hooks, Options o) {
          hooks.on(HookStage.POSTINIT, c -> c.buildroot()
              .bindMount(Path.of(o.dir()), "/srv/probe", true, "plugin_conf.probe.dir"));
          hooks.on(HookStage.PREBUILD, c -> c.buildroot().setBuildEnv("PROBE_VAR", o.value()));
          hooks.on(HookStage.POSTBUILD, c -> c.buildroot()
              .collectFile("/build/probe-out.txt", "probe-out.txt", false));
        }
      }
      """;

  /** Compiles {@link #SOURCE} against the plugin API and packs it with its services file. */
  static void pluginJar(Path work, Path jar) throws Exception {
    Path src = work.resolve("src/com/example/debmock/ProbePlugin.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path classes = Files.createDirectories(work.resolve("classes"));
    String api =
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
            api,
            "-d",
            classes.toString(),
            src.toString());
    assertThat(rc).as("javac exit code").isZero();
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + DebMockPlugin.class.getName()));
      out.write("com.example.debmock.ProbePlugin\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  @Test
  void bindMountVariableAndCollectedFileThroughThePluginApiOnly() throws Exception {
    // A jar in a directory given with --plugin-dir is all a third-party plugin needs.
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    pluginJar(dir.resolve("work"), plugins.resolve("probe.jar"));
    Path host = Files.createDirectories(dir.resolve("probe-in"));
    Files.writeString(host.resolve("input.txt"), "read through the bind\n");
    Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        host.resolve("input.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    // debian/rules reads the mount (and cannot write it) into a file the plugin collects.
    String build =
        "cat /srv/probe/input.txt > ../probe-out.txt && ! touch /srv/probe/w 2>/dev/null"
            + " && echo \"PROBE_VAR=$$PROBE_VAR\" >> ../probe-out.txt";
    Path dsc = TinySource.make(dir, "dmprobe", build, null);
    Outcome o =
        DebMockBuildTest.debMock(
            dir.resolve("out"),
            "--plugin-dir",
            plugins.toString(),
            "--enable-plugin=probe",
            "--enable-plugin=procenv",
            "--plugin-option",
            "probe:dir=" + host,
            "--plugin-option",
            "probe:value=from-a-third-party",
            "--rebuild",
            dsc.toString());
    Path out = o.resultDir();
    assertThat(o.code())
        .as(
            o.err()
                + (Files.exists(out.resolve("build.log"))
                    ? Files.readString(out.resolve("build.log"))
                    : ""))
        .isZero();
    assertThat(out.resolve("probe-out.txt"))
        .hasContent("read through the bind\nPROBE_VAR=from-a-third-party\n");
    assertThat(out.resolve("procenv.log"))
        .content()
        .contains("PROBE_VAR=from-a-third-party")
        .contains(" /srv/probe ");
    assertThat(o.result().get("plugins").toString()).contains("\"probe\"");
    assertThat(o.result().get("hooks").toString())
        .contains("probe:postinit", "probe:prebuild", "probe:postbuild");
  }
}
