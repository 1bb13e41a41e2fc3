package org.debforge.compose.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveOptionsTest {
  @Test
  void defaultsAreLiveBuildsBootLoadersAndTheGivenVolumeIdCutTo32() {
    LiveOptions o = LiveOptions.of(Map.of(), "bookworm-live 12.%{date} with a long name");
    assertThat(o.bootloaders()).containsExactly("syslinux", "grub-efi");
    assertThat(o.volumeId()).hasSize(32).isEqualTo("bookworm-live 12.__date_ with a ");
  }

  @Test
  void bootLoadersAndVolumeIdAreTakenAsWritten() {
    LiveOptions o =
        LiveOptions.of(Map.of("bootloaders", " syslinux ", "volume-id", "MY_LIVE"), "x");
    assertThat(o.bootloaders()).containsExactly("syslinux");
    assertThat(o.volumeId()).isEqualTo("MY_LIVE");
  }

  @Test
  void problemsNameTheOptionAndWhatIsAllowed() {
    assertThat(LiveOptions.problem(Map.of("bootloader", "syslinux")))
        .hasValueSatisfying(p -> assertThat(p).contains("unknown options [bootloader]"));
    assertThat(LiveOptions.problem(Map.of("bootloaders", "grub-pc")))
        .hasValueSatisfying(p -> assertThat(p).contains("bootloaders 'grub-pc'", "syslinux"));
    assertThat(LiveOptions.problem(Map.of("bootloaders", "syslinux,syslinux"))).isPresent();
    assertThat(LiveOptions.problem(Map.of("bootloaders", ","))).isPresent();
    assertThat(LiveOptions.problem(Map.of("volume-id", "x".repeat(33))))
        .hasValueSatisfying(p -> assertThat(p).contains("volume-id", "32"));
    assertThat(LiveOptions.problem(Map.of("volume-id", "a/b"))).isPresent();
    assertThat(LiveOptions.problem(Map.of("bootloaders", "grub-efi", "volume-id", "OK 1")))
        .isEmpty();
  }

  @Test
  void gatherGetsTheLiveSystemAndTheToolsOfTheChosenBootLoaders() {
    LiveOptions bios = new LiveOptions(List.of("syslinux"), "V");
    assertThat(LivePackages.all("amd64", bios))
        .contains("linux-image-amd64", "live-boot", "live-config-systemd", "syslinux", "isolinux")
        .doesNotContain("grub-efi-amd64-bin", "mtools")
        .doesNotHaveDuplicates();
    LiveOptions uefi = new LiveOptions(List.of("grub-efi"), "V");
    assertThat(LivePackages.all("amd64", uefi))
        .contains("grub-efi-amd64-bin", "grub-efi-ia32-bin", "mtools", "dosfstools", "isolinux")
        .doesNotContain("syslinux", "librsvg2-bin");
    assertThat(LivePackages.system("i386")).contains("linux-image-686-pae");
  }
}
