package org.debforge.debmock.plugins.bindmount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.chroot.MountTargets;
import org.debforge.debmock.plugin.api.Console;
import org.debforge.debmock.plugin.runtime.PluginManager;
import org.debforge.debmock.plugin.runtime.PluginSettings;
import org.debforge.debmock.plugins.mount.MountPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bind_mount and mount options from YAML and the command line, and unsafe targets refused. */
class MountOptionsTest {
  @TempDir Path dir;

  private static PluginManager load(Map<String, Object> yaml, List<String> options) {
    return PluginManager.load(
        PluginSettings.builder()
            .defaultDirs(false)
            .pluginConf(yaml)
            .pluginOptions(options)
            .enable(List.of("bind_mount", "mount"))
            .console(Console.NULL)
            .build());
  }

  @Test
  void yamlMapsAndCommandLineShortFormsBind() {
    PluginManager m =
        load(
            Map.of(
                "mount",
                Map.of(
                    "mounts",
                    List.of(
                        Map.of(
                            "type",
                            "tmpfs",
                            "source",
                            "tmpfs",
                            "target",
                            "/scratch",
                            "options",
                            "size=16M")))),
            List.of("bind_mount:dirs=/srv/data:/data:ro,/opt/tools:/tools"));
    BindMountPlugin.Options b =
        (BindMountPlugin.Options) m.enabledOptions("bind_mount").orElseThrow();
    assertThat(b.dirs())
        .containsExactly(
            new BindMountPlugin.Dir("/srv/data", "/data", true),
            new BindMountPlugin.Dir("/opt/tools", "/tools", false));
    MountPlugin.Options mo = (MountPlugin.Options) m.enabledOptions("mount").orElseThrow();
    assertThat(mo.mounts())
        .containsExactly(new MountPlugin.Spec("tmpfs", "tmpfs", "/scratch", "size=16M"));
  }

  @Test
  void targetsClimbingOutAreConfigErrorsNamingTheKey() {
    assertThatThrownBy(() -> load(Map.of(), List.of("bind_mount:dirs=/srv:/../etc")))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("bind_mount")
        .hasMessageContaining("'dirs'")
        .hasMessageContaining("'..'");
    assertThatThrownBy(() -> load(Map.of(), List.of("mount:mounts=tmpfs:tmpfs:relative")))
        .hasMessageContaining("'mounts'")
        .hasMessageContaining("absolute");
  }

  @Test
  void aTargetThroughASymlinkOfTheRootIsRefused() throws Exception {
    Path upper = Files.createDirectories(dir.resolve("upper"));
    Path lower = Files.createDirectories(dir.resolve("lower/usr/lib"));
    Files.createSymbolicLink(dir.resolve("lower/lib"), Path.of("usr/lib"));
    Files.createSymbolicLink(upper.resolve("evil"), Path.of("/etc"));
    List<Path> layers = List.of(upper, dir.resolve("lower"));
    assertThatThrownBy(() -> MountTargets.checkNoSymlink("/evil/x", layers, "plugin_conf.k[0]"))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("plugin_conf.k[0]")
        .hasMessageContaining("/evil, a symlink in the root");
    assertThatThrownBy(() -> MountTargets.checkNoSymlink("/lib/x", layers, "k"))
        .hasMessageContaining("/lib, a symlink");
    MountTargets.checkNoSymlink("/usr/lib/x", layers, "k");
    assertThat(lower).exists();
  }
}
