package org.debforge.debmock.plugins.packagestate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.runtime.PluginManager;
import org.debforge.debmock.plugin.runtime.PluginSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * package_state against a root whose dpkg status holds paragraphs copied from a real Debian 12
 * system, plus a removed package (config-files) and a second architecture; the golden log was
 * produced by dpkg-query on the same database.
 */
class PackageStatePluginTest {
  @TempDir Path logs;

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(PackageStatePluginTest.class.getResource(name).toURI());
  }

  HookContext context(HookStage stage, Path root) {
    return new HookContext(
        stage,
        "bookworm-amd64",
        root,
        "hello",
        "2.10-3",
        null,
        logs,
        logs,
        "rebuild",
        null,
        null,
        null,
        null,
        null,
        null);
  }

  PluginManager manager(Map<String, Object> conf) {
    return PluginManager.load(
        PluginSettings.builder()
            .defaultDirs(false)
            .pluginConf(conf)
            .disable(List.of("hw_info", "buildroot_lock"))
            .build());
  }

  @Test
  void postdepsWritesInstalledPackagesLikeDpkgQuery() throws Exception {
    PluginManager m = manager(Map.of());
    m.fire(context(HookStage.POSTDEPS, fixture("root")));
    assertThat(logs.resolve("installed_pkgs.log"))
        .hasSameBinaryContentAs(fixture("installed_pkgs.log"));
    assertThat(logs.resolve(PackageStatePlugin.AVAILABLE_LOG)).doesNotExist();
    assertThat(m.ran()).containsExactly("package_state:postdeps");
    // No temporary file is left beside the log.
    try (var files = Files.list(logs)) {
      assertThat(files).containsExactly(logs.resolve("installed_pkgs.log"));
    }
  }

  @Test
  void availablePackagesAndLogNameOptions() throws Exception {
    PluginManager m =
        manager(Map.of("package_state", Map.of("available_pkgs", true, "log_name", "pkgs.txt")));
    m.fire(context(HookStage.POSTBUILD, fixture("root")));
    assertThat(logs.resolve("pkgs.txt")).hasSameBinaryContentAs(fixture("installed_pkgs.log"));
    assertThat(logs.resolve(PackageStatePlugin.AVAILABLE_LOG))
        .hasSameBinaryContentAs(fixture("available_pkgs.log"));
  }

  @Test
  void logNameWithSlashIsRefusedAsConfigError() {
    try {
      manager(Map.of("package_state", Map.of("log_name", "../x")));
      throw new AssertionError("expected a CONFIG error");
    } catch (DebforgeException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
      assertThat(e.getMessage()).contains("plugin 'package_state'").contains("log_name");
    }
  }

  @Test
  void rootWithoutDpkgDatabaseFailsTheHookNamingThePlugin(@TempDir Path empty) {
    PluginManager m = manager(Map.of());
    try {
      m.fire(context(HookStage.POSTDEPS, empty));
      throw new AssertionError("expected PLUGIN_FAILED");
    } catch (DebforgeException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.PLUGIN_FAILED);
      assertThat(e.getMessage())
          .startsWith("plugin 'package_state' failed in hook 'postdeps': the build root ")
          .contains("no dpkg database");
    }
  }
}
