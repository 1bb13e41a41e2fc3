package org.debforge.compose.ostree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.debforge.compose.tool.Sandbox;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Puts the root's kernel where ostree 2022.7 looks for it, {@code /usr/lib/modules/KVER/vmlinuz},
 * beside an initramfs made by the root's own dracut with the ostree module (ostree-boot ships no
 * initramfs-tools hook, and Debian's initrd in /boot is not one ostree can boot).
 */
final class Kernel {
  private Kernel() {}

  /**
   * The postprocess sandbox, plus what dracut needs: CAP_MKNOD, because dracut 059 (dracut.sh, as
   * root) makes the initramfs's early /dev/null, kmsg, console, random and urandom with mknod, and
   * without /dev/console the kernel has no initial console before udev. The nodes go into its
   * scratch folder; every mount of the sandbox but its own nodes is nodev, so a node made there
   * cannot open a host device. A tmpfs /var/tmp is dracut's scratch (TMPDIR), never in the tree.
   */
  private static final Sandbox DRACUT_SANDBOX =
      new Sandbox().withCaps("CAP_MKNOD").withTmpfs("/var/tmp").withEnv("TMPDIR", "/var/tmp");

  /** dracut's settings: any machine (not the compose host), and the drivers QEMU's disks need. */
  static final String DRACUT_CONF =
      "# tumbi-assembler: an OSTree system's initramfs (ostree-prepare-root in the initramfs).\n"
          + "hostonly=\"no\"\n"
          + "add_dracutmodules+=\" ostree \"\n"
          + "add_drivers+=\" virtio_blk virtio_scsi virtio_pci virtio_net ext4 \"\n";

  /**
   * Moves the kernel into its modules folder and makes {@code initramfs.img} there.
   *
   * @return the kernel version, empty when the root has no kernel (said in the log)
   */
  static Optional<String> install(Path tree, ToolLog log) throws IOException {
    Path boot = tree.resolve("boot");
    List<String> versions = new ArrayList<>();
    if (Trees.isDir(boot)) {
      try (Stream<Path> s = Files.list(boot)) {
        s.map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith("vmlinuz-"))
            .map(n -> n.substring("vmlinuz-".length()))
            .sorted()
            .forEach(versions::add);
      }
    }
    if (versions.isEmpty()) {
      return inPlace(tree, log);
    }
    if (versions.size() > 1) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: /boot holds " + versions.size() + " kernels " + versions,
          "an OSTree commit boots exactly one kernel: list one linux-image package");
    }
    String kver = versions.get(0);
    Path modules = tree.resolve("usr/lib/modules").resolve(kver);
    if (!Trees.isDir(modules)) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: /boot/vmlinuz-" + kver + " has no /usr/lib/modules/" + kver,
          "the kernel package is incomplete");
    }
    Files.move(boot.resolve("vmlinuz-" + kver), modules.resolve("vmlinuz"));
    for (String f : List.of("config", "System.map")) {
      Path p = boot.resolve(f + "-" + kver);
      if (Trees.exists(p) && !Trees.exists(modules.resolve(f))) {
        Files.move(p, modules.resolve(f));
      }
    }
    requireInRoot(tree, "usr/bin/dracut", "dracut");
    requireInRoot(tree, "usr/lib/dracut/modules.d/98ostree", "ostree-boot");
    Path conf = tree.resolve(TreeLayout.DRACUT_CONF);
    Files.createDirectories(conf.getParent());
    Files.writeString(conf, DRACUT_CONF);
    int exit = DRACUT_SANDBOX.run(tree, dracut(kver), log);
    Path initramfs = modules.resolve("initramfs.img");
    if (exit != 0 || !Files.isRegularFile(initramfs)) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: dracut exited "
              + exit
              + " making "
              + initramfs
              + "; see "
              + log.file()
              + log.tail(),
          "the root needs dracut and ostree-boot (list them in the blueprint)");
    }
    log.line("ostree: kernel " + kver + " with initramfs in /usr/lib/modules/" + kver);
    return Optional.of(kver);
  }

  /**
   * A root whose kernel is already where ostree wants it (vmlinuz and initramfs.img in its modules
   * folder, as a layered or hand-made root may have) is kept as it is.
   */
  private static Optional<String> inPlace(Path tree, ToolLog log) throws IOException {
    Path modules = tree.resolve("usr/lib/modules");
    List<Path> placed = new ArrayList<>();
    if (Trees.isDir(modules)) {
      try (Stream<Path> s = Files.list(modules)) {
        s.filter(
                k -> Trees.exists(k.resolve("vmlinuz")) && Trees.exists(k.resolve("initramfs.img")))
            .sorted()
            .forEach(placed::add);
      }
    }
    if (placed.size() == 1) {
      String kver = placed.get(0).getFileName().toString();
      log.line("ostree: kernel " + kver + " already in /usr/lib/modules/" + kver + ", kept");
      return Optional.of(kver);
    }
    // None, or several: the lint names the second case.
    log.line("ostree: the root has no kernel (no /boot/vmlinuz-*): no initramfs made");
    return Optional.empty();
  }

  /**
   * dracut's command line; the flags repeat the conf file so a root's own conf cannot undo them.
   */
  static List<String> dracut(String kver) {
    return List.of(
        "dracut",
        "--force",
        "--no-hostonly",
        "--add",
        "ostree",
        "--add-drivers",
        "virtio_blk virtio_scsi virtio_pci virtio_net ext4",
        "--kver",
        kver,
        "/usr/lib/modules/" + kver + "/initramfs.img");
  }

  private static void requireInRoot(Path tree, String path, String pkg) {
    if (!Trees.exists(tree.resolve(path))) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: the root has a kernel but no /" + path,
          "add "
              + pkg
              + " to the blueprint's packages: the initramfs is made by the root's dracut");
    }
  }
}
