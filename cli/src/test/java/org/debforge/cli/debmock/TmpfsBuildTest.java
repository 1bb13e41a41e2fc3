package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.debforge.cli.debmock.DebMockBuildTest.Outcome;
import org.debforge.debmock.chroot.BaseRootCache;
import org.debforge.debmock.chroot.Trees;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tmpfs plugin in real builds: the root on a tmpfs (and its deps layer copied out of it to the
 * disk cache, since a rename cannot cross file systems), no mount left afterwards; and the fallback
 * to disk when the host has less memory than required_ram.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class TmpfsBuildTest {
  private static final Path DEPS =
      BaseRootCache.defaultDir().resolve("deps-cache").resolve("bookworm-amd64");

  @TempDir Path dir;

  @Test
  void buildOnTmpfsSavesItsDepsLayerAndLeavesNoMount() throws Exception {
    // Forget the layer of exactly {bc, dc}, so this build installs and saves it from the tmpfs.
    if (Files.isDirectory(DEPS)) {
      try (Stream<Path> s = Files.list(DEPS)) {
        for (Path e : s.toList()) {
          Path pk = e.resolve("packages.txt");
          if (Files.exists(pk) && Files.readString(pk).matches("bc \\S+ \\S+\ndc \\S+ \\S+\n")) {
            Trees.deleteRecursively(e);
          }
        }
      }
    }
    Path dsc = TinySource.make(dir, "dmtmpfs", "true", "bc, dc");
    Outcome o =
        DebMockBuildTest.debMock(
            dir.resolve("out"), "--enable-plugin=tmpfs", "--rebuild", dsc.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.resultDir().resolve("root.log"))
        .content()
        .contains("tmpfs: build root on a tmpfs of 4096 MiB");
    String key = o.result().get("chroot").get("caches").get("deps_cache").get("key").asText();
    assertThat(DEPS.resolve(key).resolve("layer/usr/bin/bc")).exists();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("dmtmpfs");
    assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
        .doesNotContain(" tmpfs deb-mock ");
  }

  @Test
  void tooLittleMemoryFallsBackToDiskWithALogLine() throws Exception {
    Path dsc = TinySource.make(dir, "dmtmpfs2", "true", null);
    Outcome o =
        DebMockBuildTest.debMock(
            dir.resolve("out"),
            "--enable-plugin=tmpfs",
            "--plugin-option",
            "tmpfs:required_ram=1024G",
            "--rebuild",
            dsc.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.resultDir().resolve("root.log"))
        .content()
        .contains("less than required_ram 1048576 MiB: building on disk");
  }
}
