package org.debforge.debmock.plugins.hwinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.runtime.PluginManager;
import org.debforge.debmock.plugin.runtime.PluginSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HwInfoPluginTest {
  @TempDir Path dir;

  static Path fixture(String name) throws Exception {
    return Path.of(HwInfoPluginTest.class.getResource(name).toURI());
  }

  HookContext context(Path logDir, Path resultDir) {
    return new HookContext(
        HookStage.PREBUILD,
        "bookworm-amd64",
        null,
        "hello",
        "2.10-3",
        null,
        logDir,
        resultDir,
        "rebuild",
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void reportFromProcFilesMatchesGoldenLog() throws Exception {
    HwInfo info =
        HwInfo.read(fixture("proc"), dir)
            .withStorage(Path.of("/srv/result"), 100L << 30, 50L << 30);
    assertThat(info.format()).isEqualTo(Files.readString(fixture("hw_info.log")));
  }

  @Test
  void missingProcFilesGiveUnknownNotFailure() {
    HwInfo info = HwInfo.read(dir.resolve("no-proc"), null);
    assertThat(info.format())
        .contains("Model name: unknown")
        .contains("CPU(s): unknown")
        .contains("MemTotal: unknown");
  }

  @Test
  void prebuildWritesHwInfoLogFromThisHost() throws Exception {
    PluginManager m =
        PluginManager.load(
            PluginSettings.builder().defaultDirs(false).disable(List.of("package_state")).build());
    m.fire(context(dir, dir));
    String log = Files.readString(dir.resolve("hw_info.log"));
    long processors =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("processor"))
            .count();
    assertThat(log).contains("CPU(s): " + processors + "\n").contains("Path: " + dir + "\n");
    assertThat(log).containsPattern("MemTotal: [0-9]+ kB");
    assertThat(m.ran()).containsExactly("hw_info:prebuild");
  }

  @Test
  void isBestEffort(@TempDir Path notADir) throws Exception {
    // The log directory is a file: writing fails, the build goes on with a warning.
    Path file = Files.writeString(notADir.resolve("file"), "x");
    List<String> warnings = new ArrayList<>();
    PluginManager m =
        PluginManager.load(
            PluginSettings.builder()
                .defaultDirs(false)
                .disable(List.of("package_state"))
                .console(warnings::add)
                .build());
    m.fire(context(file, file));
    assertThat(m.warnings())
        .singleElement()
        .asString()
        .startsWith("plugin 'hw_info' failed in hook 'prebuild'");
    assertThat(warnings).hasSize(1);
  }
}
