package org.debforge.compose.boottest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The QEMU command lines of a disk (UEFI, virtio, never written) and of a live ISO (BIOS). */
class QemuBootCommandTest {
  static BootRequest request(String file, String format) {
    return new BootRequest(
        Path.of("/c/" + file),
        format,
        "BOOT-OK",
        Duration.ofMinutes(10),
        Path.of("/c/logs/serial.log"),
        Path.of("/c/work"),
        Path.of("/c/logs/test.log"));
  }

  @Test
  void aDiskBootsByOvmfFromASnapshotOfTheImage() {
    List<String> cmd =
        QemuBoot.command(
            request("disk.qcow2", "qcow2"),
            new Ovmf(Path.of("/fw/CODE.fd"), Path.of("/fw/VARS.fd")),
            Path.of("/c/work/vars.fd"));
    assertThat(String.join(" ", cmd))
        .startsWith("qemu-system-x86_64 -machine q35 -accel tcg -m 2048 ")
        .contains("-serial file:/c/logs/serial.log -nic none -no-reboot -drive ")
        .contains("if=pflash,format=raw,unit=0,readonly=on,file=/fw/CODE.fd")
        .contains("if=pflash,format=raw,unit=1,file=/c/work/vars.fd")
        .endsWith("-drive if=virtio,format=qcow2,snapshot=on,file=/c/disk.qcow2")
        .doesNotContain("-cdrom");
  }

  @Test
  void aLiveIsoBootsByTheBiosFromACdrom() {
    BootRequest iso = request("live.iso", BootRequest.ISO);
    assertThat(iso.iso()).isTrue();
    assertThat(String.join(" ", QemuBoot.command(iso, null, null)))
        .contains("-serial file:/c/logs/serial.log -nic none -no-reboot")
        .startsWith("qemu-system-x86_64 -accel tcg -m 2048 ")
        .endsWith("-no-reboot -cdrom /c/live.iso -boot d")
        .doesNotContain("pflash")
        .doesNotContain("q35");
  }

  @Test
  void otherFormatsAreRefused() {
    assertThatThrownBy(() -> request("x.vmdk", "vmdk"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("format: vmdk");
  }
}
