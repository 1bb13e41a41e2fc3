package org.debforge.compose.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The packages live-build installs from the mirror besides the blueprint's, so that gather puts
 * them in the exact-set repository (live-build fails when one is missing from it). Found in
 * live-build 1:20230502's scripts ({@code Check_package chroot ...} in /usr/lib/live/build) and its
 * {@code config/package-lists/live.list.chroot}.
 */
public final class LivePackages {
  private LivePackages() {}

  /**
   * The live system's own packages: the kernel live-build copies out, live-boot, live-config, and
   * usr-is-merged, which bookworm's debootstrap adds to every merged-/usr bootstrap, and zstd:
   * bookworm's initramfs-tools compresses with it when present, else falls back to gzip -9, which
   * takes minutes for each of live-build's initramfs runs on a busy machine.
   */
  public static List<String> system(String arch) {
    return List.of(
        "usr-is-merged",
        "linux-image-" + kernelFlavour(arch),
        "live-boot",
        "live-config",
        "live-config-systemd",
        "systemd-sysv",
        "zstd");
  }

  /**
   * The tools live-build installs into its build chroot (not into the live system's squashfs, which
   * is a copy taken before): package lists, squashfs, the ISO and the boot loaders.
   */
  public static List<String> tools(String arch, LiveOptions options) {
    List<String> out = new ArrayList<>(List.of("dctrl-tools", "squashfs-tools", "xorriso"));
    // binary_iso checks for isohdpfx.bin (the hybrid MBR) whatever the boot loaders.
    out.add("isolinux");
    if (options.bootloaders().contains("syslinux")) {
      out.addAll(List.of("syslinux", "syslinux-common", "librsvg2-bin"));
    }
    if (options.bootloaders().contains("grub-efi")) {
      out.addAll(List.of("grub-common", "mtools", "dosfstools"));
      out.addAll(grubEfiBins(arch));
    }
    return out;
  }

  /** Everything gather adds for a live output: {@link #system} then {@link #tools}. */
  public static List<String> all(String arch, LiveOptions options) {
    List<String> out = new ArrayList<>(system(arch));
    tools(arch, options).stream().filter(p -> !out.contains(p)).forEach(out::add);
    return out;
  }

  /** live-build's default {@code --linux-flavours} per architecture. */
  static String kernelFlavour(String arch) {
    return switch (arch) {
      case "i386" -> "686-pae";
      case "armhf" -> "armmp";
      default -> arch;
    };
  }

  private static List<String> grubEfiBins(String arch) {
    return switch (arch) {
      // binary_grub-efi builds both EFI images on amd64 (64- and 32-bit firmware)
      case "amd64" -> List.of("grub-efi-amd64-bin", "grub-efi-ia32-bin");
      case "i386" -> List.of("grub-efi-ia32-bin");
      case "arm64" -> List.of("grub-efi-arm64-bin");
      case "armhf" -> List.of("grub-efi-arm-bin");
      default -> List.of();
    };
  }
}
