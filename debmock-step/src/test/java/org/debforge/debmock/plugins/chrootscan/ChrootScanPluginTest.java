package org.debforge.debmock.plugins.chrootscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chroot_scan copies matching regular files with their paths, and never follows a symlink. */
class ChrootScanPluginTest {
  @TempDir Path dir;

  @Test
  void copiesMatchesKeepingPathsAndSkipsSymlinksOutOfTheRoot() throws Exception {
    Path root = Files.createDirectories(dir.resolve("upper/build/pkg-1.0"));
    Files.writeString(root.resolve("config.log"), "checking for gcc... yes\n");
    Files.writeString(root.resolve("core.1234"), "dump");
    Files.writeString(root.resolve("main.c"), "int main;");
    Path secret = Files.writeString(dir.resolve("host-secret.log"), "host");
    Files.createSymbolicLink(root.resolve("leak.log"), secret);
    Files.createDirectories(dir.resolve("hostdir"));
    Files.writeString(dir.resolve("hostdir/other.log"), "host");
    Files.createSymbolicLink(root.resolve("linkdir"), dir.resolve("hostdir"));
    Path out = dir.resolve("result/chroot_scan");
    List<String> copied =
        ChrootScanPlugin.scan(
            dir.resolve("upper"), out, new ChrootScanPlugin().defaultOptions().regexes());
    assertThat(copied)
        .containsExactlyInAnyOrder("build/pkg-1.0/config.log", "build/pkg-1.0/core.1234");
    assertThat(out.resolve("build/pkg-1.0/config.log")).hasContent("checking for gcc... yes");
    assertThat(out.resolve("build/pkg-1.0/leak.log")).doesNotExist();
    assertThat(out.resolve("build/pkg-1.0/linkdir")).doesNotExist();
  }
}
