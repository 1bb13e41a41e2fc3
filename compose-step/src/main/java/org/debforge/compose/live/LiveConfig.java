package org.debforge.compose.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.compose.blueprint.ScriptSpec;

/**
 * live-build's configuration for one request: the {@code lb config} command line and the files
 * {@code lb config} does not write (package list, keys, includes, hooks, boot menus).
 */
final class LiveConfig {
  /** Seconds the boot menus wait; live-build's own menus wait for a key forever. */
  static final int MENU_SECONDS = 3;

  private static final Path SHARE = Path.of("/usr/share/live/build/bootloaders");

  private LiveConfig() {}

  /** The {@code lb config} command line with every mirror at {@code mirror}. */
  static List<String> command(LiveRequest r, String mirror) {
    List<String> c = new ArrayList<>(List.of("lb", "config", "--color", "false"));
    c.addAll(List.of("--mode", "debian", "--system", "live"));
    c.addAll(List.of("--distribution", r.suite(), "--architecture", r.arch()));
    c.addAll(List.of("--archive-areas", "main", "--parent-archive-areas", "main"));
    for (String m :
        List.of(
            "--mirror-bootstrap",
            "--mirror-chroot",
            "--mirror-binary",
            "--parent-mirror-bootstrap",
            "--parent-mirror-chroot",
            "--parent-mirror-binary")) {
      c.addAll(List.of(m, mirror));
    }
    // The exact set is the whole archive: no security, updates, backports or deb-src lines.
    c.addAll(List.of("--security", "false", "--updates", "false", "--backports", "false"));
    c.addAll(List.of("--apt-source-archives", "false", "--apt-recommends", "false"));
    c.addAll(List.of("--apt-indices", "false", "--apt-secure", "true"));
    // Firmware would need the non-free-firmware area and its Contents index; the installer, memtest
    // and win32-loader are more downloads the set does not hold.
    c.addAll(List.of("--firmware-chroot", "false", "--firmware-binary", "false"));
    c.addAll(List.of("--debian-installer", "none", "--memtest", "none"));
    c.addAll(List.of("--win32-loader", "false", "--zsync", "false", "--source", "false"));
    c.addAll(List.of("--cache", "false"));
    c.addAll(List.of("--linux-flavours", LivePackages.kernelFlavour(r.arch())));
    // Only the required set, as the compose's root: the rest comes from the package list.
    c.addAll(
        List.of(
            "--debootstrap-options",
            "--variant=minbase --keyring=" + r.keyring().toAbsolutePath()));
    c.addAll(List.of("--binary-image", "iso-hybrid"));
    c.addAll(List.of("--bootloaders", String.join(",", r.options().bootloaders())));
    // Secure Boot needs shim-signed and grub-efi-ARCH-signed; the set does not hold them.
    c.addAll(List.of("--uefi-secure-boot", "disable"));
    c.addAll(List.of("--iso-volume", r.options().volumeId()));
    c.addAll(List.of("--chroot-squashfs-compression-type", "zstd"));
    List<String> append = new ArrayList<>(List.of("boot=live", "components"));
    append.addAll(r.kernelArgs());
    c.addAll(List.of("--bootappend-live", String.join(" ", append)));
    return c;
  }

  /** Writes what {@code lb config} does not into {@code dir/config}. */
  static void write(LiveRequest r, Path dir) throws IOException {
    Path config = dir.resolve("config");
    Path lists = Files.createDirectories(config.resolve("package-lists"));
    Files.writeString(
        lists.resolve("debforge.list.chroot"), String.join("\n", r.packages()) + "\n");

    // apt in the build chroot trusts the compose key for both the chroot and the binary stage.
    Path archives = Files.createDirectories(config.resolve("archives"));
    for (String stage : List.of("chroot", "binary")) {
      Path key = archives.resolve("debforge-compose.key." + stage);
      Files.copy(r.keyring(), key, StandardCopyOption.REPLACE_EXISTING);
      // The compose writes KEY.gpg 0600; apt reads trusted.gpg.d as user _apt and ignores a key
      // it cannot read (found by trying: NO_PUBKEY in live-build's binary stage).
      Files.setPosixFilePermissions(key, permissions(0644));
    }

    Path includes = config.resolve("includes.chroot_after_packages");
    for (FileSpec f : r.files()) {
      Path dest = includes.resolve(f.dest().substring(1));
      Files.createDirectories(dest.getParent());
      Files.copy(f.source(), dest, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(dest, permissions(f.mode()));
    }

    Path hooks = Files.createDirectories(config.resolve("hooks/normal"));
    int n = 0;
    for (ScriptSpec s : r.scripts()) {
      n++;
      String text =
          s.inline().isPresent()
              ? s.inline().get()
              : Files.readString(s.file().orElseThrow(), StandardCharsets.UTF_8);
      // As the rootfs phase runs them: a #! line picks the interpreter, else /bin/sh -e.
      if (!text.startsWith("#!")) {
        text = "#!/bin/sh -e\n" + text;
      }
      String name = s.name().replaceAll("[^A-Za-z0-9_-]", "_");
      Path hook =
          hooks.resolve(String.format(Locale.ROOT, "9%03d-debforge-%s.hook.chroot", n, name));
      Files.writeString(hook, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(hook, permissions(0755));
    }

    // live-build's isolinux menu has "timeout 0" and its GRUB menu sets none: both wait for a key.
    Path isolinux = Files.createDirectories(config.resolve("bootloaders/isolinux"));
    String iso = Files.readString(SHARE.resolve("isolinux/isolinux.cfg"));
    Files.writeString(
        isolinux.resolve("isolinux.cfg"),
        iso.replaceAll("(?m)^timeout .*$", "timeout " + MENU_SECONDS * 10));
    Path grub = Files.createDirectories(config.resolve("bootloaders/grub-pc"));
    String grubConfig = Files.readString(SHARE.resolve("grub-pc/config.cfg"));
    Files.writeString(
        grub.resolve("config.cfg"), grubConfig + "\nset timeout=" + MENU_SECONDS + "\n");
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        p.add(all[i]);
      }
    }
    return p;
  }
}
