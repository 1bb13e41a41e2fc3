package org.debforge.compose.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.compose.blueprint.ScriptSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveConfigTest {
  @TempDir Path tmp;

  LiveRequest request() throws Exception {
    Path key = Files.writeString(tmp.resolve("KEY.gpg"), "key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Path motd = Files.writeString(tmp.resolve("motd"), "hi\n");
    Path script = Files.writeString(tmp.resolve("fix.sh"), "#!/bin/bash\necho fixed\n");
    return new LiveRequest(
        tmp.resolve("repo"),
        key,
        "bookworm",
        "amd64",
        List.of("hello", "live-boot"),
        List.of(new FileSpec(motd, "/etc/motd", 0640)),
        List.of(
            new ScriptSpec("fix.sh", Optional.of(script), Optional.empty()),
            new ScriptSpec("inline-1", Optional.empty(), Optional.of("touch /x\n"))),
        List.of("console=ttyS0,115200"),
        new LiveOptions(List.of("syslinux"), "MY LIVE"),
        tmp.resolve("work"),
        tmp.resolve("out.iso"),
        tmp.resolve("live.log"));
  }

  @Test
  void everyMirrorIsTheRepositoryAndNothingElseIsAsked() throws Exception {
    List<String> c = LiveConfig.command(request(), "http://127.0.0.1:4242");
    String line = String.join(" ", c);
    for (String m :
        List.of("bootstrap", "chroot", "binary", "parent-mirror-chroot", "parent-mirror-binary")) {
      assertThat(line).contains(m + " http://127.0.0.1:4242");
    }
    assertThat(line)
        .doesNotContain("deb.debian.org")
        .contains("--security false", "--updates false", "--backports false")
        .contains("--apt-source-archives false", "--apt-recommends false")
        .contains("--firmware-chroot false", "--binary-image iso-hybrid")
        .contains("--bootloaders syslinux", "--distribution bookworm", "--architecture amd64");
    assertThat(c)
        .containsSubsequence("--iso-volume", "MY LIVE")
        .containsSubsequence(
            "--debootstrap-options", "--variant=minbase --keyring=" + tmp.resolve("KEY.gpg"))
        .containsSubsequence("--bootappend-live", "boot=live components console=ttyS0,115200");
  }

  @Test
  void packagesKeysFilesHooksAndMenuTimeoutsAreWritten() throws Exception {
    Path dir = tmp.resolve("work");
    LiveConfig.write(request(), dir);
    Path config = dir.resolve("config");
    assertThat(config.resolve("package-lists/debforge.list.chroot"))
        .hasContent("hello\nlive-boot\n");
    assertThat(config.resolve("archives/debforge-compose.key.chroot")).hasContent("key");
    assertThat(config.resolve("archives/debforge-compose.key.binary")).hasContent("key");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(
                    config.resolve("archives/debforge-compose.key.chroot"))))
        .isEqualTo("rw-r--r--");
    Path motd = config.resolve("includes.chroot_after_packages/etc/motd");
    assertThat(motd).hasContent("hi");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(motd)))
        .isEqualTo("rw-r-----");
    Path hooks = config.resolve("hooks/normal");
    assertThat(hooks.resolve("9001-debforge-fix_sh.hook.chroot"))
        .hasContent("#!/bin/bash\necho fixed");
    assertThat(hooks.resolve("9002-debforge-inline-1.hook.chroot"))
        .hasContent("#!/bin/sh -e\ntouch /x");
    assertThat(Files.isExecutable(hooks.resolve("9002-debforge-inline-1.hook.chroot"))).isTrue();
    assertThat(config.resolve("bootloaders/isolinux/isolinux.cfg"))
        .content()
        .contains("timeout 30")
        .doesNotContain("timeout 0");
    assertThat(config.resolve("bootloaders/grub-pc/config.cfg")).content().endsWith("timeout=3\n");
  }
}
