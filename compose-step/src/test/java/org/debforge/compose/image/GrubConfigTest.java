package org.debforge.compose.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrubConfigTest {
  @TempDir Path dir;

  @Test
  void bootEntriesBecomeMenuEntriesNewestFirstUnderBoot() throws Exception {
    // As ostree admin deploy 2022.7 writes them (paths relative to the /boot file system).
    Path older = dir.resolve("ostree-1-debian.conf");
    Files.writeString(
        older,
        "title Debian GNU/Linux 12 (bookworm) 12.1 (ostree:1)\nversion 1\n"
            + "options root=UUID=u rw ostree=/ostree/boot.1/debian/a/1\n"
            + "linux /ostree/debian-a/vmlinuz-6.1.0-1-amd64\n"
            + "initrd /ostree/debian-a/initramfs-6.1.0-1-amd64.img\n");
    Path newer = dir.resolve("ostree-2-debian.conf");
    Files.writeString(
        newer,
        "title Debian's 12.2 (ostree:0)\nversion 2\n"
            + "options root=UUID=u rw console=ttyS0,115200 x=$y ostree=/ostree/boot.1/debian/b/0\n"
            + "linux /ostree/debian-b/vmlinuz-6.1.0-2-amd64\n"
            + "initrd /ostree/debian-b/initramfs-6.1.0-2-amd64.img\n");
    String cfg =
        GrubConfig.render(
            List.of(BootEntry.read(older), BootEntry.read(newer)), "1234-abcd", "/boot");
    assertThat(cfg)
        .contains("search --no-floppy --fs-uuid --set=root 1234-abcd\n")
        .contains("set default=0\n");
    assertThat(cfg.indexOf("12.2")).isLessThan(cfg.indexOf("12.1"));
    assertThat(cfg)
        .contains("menuentry 'Debian'\\''s 12.2 (ostree:0)' {\n")
        .contains(
            "  linux /boot/ostree/debian-b/vmlinuz-6.1.0-2-amd64 root=UUID=u rw"
                + " console=ttyS0,115200 'x=$y' ostree=/ostree/boot.1/debian/b/0\n")
        .contains("  initrd /boot/ostree/debian-b/initramfs-6.1.0-2-amd64.img\n");
  }

  @Test
  void anEntryWithoutLinuxIsRefusedNamingTheFile() throws Exception {
    Path bad = dir.resolve("bad.conf");
    Files.writeString(bad, "title x\noptions a\ninitrd /i\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BootEntry.read(bad))
        .hasMessageContaining(bad + ": the boot entry has no 'linux' line");
  }
}
