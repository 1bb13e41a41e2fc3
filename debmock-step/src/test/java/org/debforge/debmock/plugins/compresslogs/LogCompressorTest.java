package org.debforge.debmock.plugins.compresslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** compress_logs: each method's output read back by the real gzip, xz and zstd tools. */
class LogCompressorTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"gzip,9,gzip", "xz,0,xz", "zstd,19,zstd"})
  void logsAreReplacedByFilesTheRealToolReads(String method, int level, String tool)
      throws Exception {
    String text = "dpkg-buildpackage: info: source package dmtiny\n".repeat(200);
    Files.writeString(dir.resolve("build.log"), text);
    Files.writeString(dir.resolve("root.log"), "root\n");
    Files.writeString(dir.resolve("dmtiny_1.0_all.deb"), "not a log");
    List<Path> out =
        new LogCompressor(LogCompressor.Method.of(method), level)
            .compressAll(dir, Pattern.compile("\\.log$"));
    String suffix = LogCompressor.Method.of(method).suffix();
    assertThat(out)
        .containsExactly(dir.resolve("build.log" + suffix), dir.resolve("root.log" + suffix));
    assertThat(dir.resolve("build.log")).doesNotExist();
    assertThat(dir.resolve("dmtiny_1.0_all.deb")).exists();
    Process p =
        new ProcessBuilder(tool, "-dc", dir.resolve("build.log" + suffix).toString()).start();
    assertThat(new String(p.getInputStream().readAllBytes())).isEqualTo(text);
    assertThat(p.waitFor()).isZero();
    try (var s = Files.list(dir)) {
      assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void badMethodOrLevelIsRefused() {
    assertThatThrownBy(() -> new CompressLogsPlugin.Options("bzip2", -1, "\\.log$"))
        .hasMessageContaining("gzip, xz or zstd");
    assertThatThrownBy(() -> new CompressLogsPlugin.Options("gzip", 12, "\\.log$"))
        .hasMessageContaining("1-9");
  }
}
