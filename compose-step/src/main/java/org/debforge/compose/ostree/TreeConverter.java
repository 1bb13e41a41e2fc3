package org.debforge.compose.ostree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Converts a copy of a Debian root into an OSTree tree, in place: ostree deploys {@code /usr}
 * read-only, merges {@code /etc} from {@code /usr/etc} and leaves {@code /var} to the machine, so
 * everything a Debian root keeps elsewhere moves to where a deployment has it. The order matters:
 * dracut runs while {@code /etc} and {@code /var} are still where the root's tools expect them.
 */
final class TreeConverter {
  private TreeConverter() {}

  /** The converted tree's kernel, if it has one. */
  static Optional<String> convert(Path tree, ToolLog log) throws IOException {
    Optional<String> kernel = Kernel.install(tree, log);
    emptyBoot(tree, log);
    moveDpkgDatabase(tree, log);
    linkIntoVar(tree, log);
    moveEtc(tree, log);
    VarTmpfiles.generate(tree, tree.resolve("usr/etc"), log);
    log.line("ostree: /var recreated by /" + TreeLayout.TMPFILES + ", then emptied");
    for (Map.Entry<String, Integer> e : new TreeMap<>(TreeLayout.EMPTY_DIRS).entrySet()) {
      Path d = tree.resolve(e.getKey());
      if (Trees.exists(d) && !Trees.isDir(d)) {
        Trees.delete(d);
      }
      Trees.dir(d, e.getValue());
      Trees.empty(d);
    }
    // The deployment's physical root is mounted at /sysroot; /ostree reaches its repository.
    Trees.dir(tree.resolve("sysroot"), 0755);
    replaceWithLink(tree.resolve("ostree"), "sysroot/ostree");
    return kernel;
  }

  /**
   * ostree's bootloader code writes /boot of the physical root, not of the commit; Debian's initrd,
   * symlinks and GRUB files there would only mislead. Debian's top-level kernel links go too.
   */
  private static void emptyBoot(Path tree, ToolLog log) throws IOException {
    Trees.dir(tree.resolve("boot"), 0755);
    Trees.empty(tree.resolve("boot"));
    for (String l : new String[] {"vmlinuz", "vmlinuz.old", "initrd.img", "initrd.img.old"}) {
      Trees.delete(tree.resolve(l));
    }
    log.line("ostree: /boot emptied");
  }

  /**
   * The installed-package database describes /usr, so it must change with it: a commit's dpkg
   * status is the commit's package set. /var/lib/dpkg stays dpkg's path, as a link made at boot.
   */
  private static void moveDpkgDatabase(Path tree, ToolLog log) throws IOException {
    Path db = tree.resolve("var/lib/dpkg");
    Path dest = tree.resolve(TreeLayout.DPKG);
    if (!Trees.isDir(db)) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: the root has no /var/lib/dpkg",
          "the ostree phase converts a root made by the rootfs phase");
    }
    if (Trees.exists(dest)) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: /" + TreeLayout.DPKG + " already exists in the root",
          "the root looks converted already; give the rootfs phase's root");
    }
    Files.createDirectories(dest.getParent());
    Files.move(db, dest);
    Files.createSymbolicLink(db, Path.of(TreeLayout.DPKG_LINK_TARGET));
    log.line("ostree: dpkg database moved to /" + TreeLayout.DPKG);
  }

  /** home, root, opt, srv, mnt and usr/local are the machine's: their content moves into /var. */
  private static void linkIntoVar(Path tree, ToolLog log) throws IOException {
    for (Map.Entry<String, String> e : new TreeMap<>(TreeLayout.VAR_LINKS).entrySet()) {
      Path p = tree.resolve(e.getKey());
      Path dest = p.getParent().resolve(e.getValue()).normalize();
      if (Files.isSymbolicLink(p)) {
        Files.delete(p);
      } else if (Trees.isDir(p)) {
        if (!Trees.exists(dest)) {
          Files.createDirectories(dest.getParent());
          Files.move(p, dest);
        } else {
          try (Stream<Path> s = Files.list(p)) {
            for (Path child : s.toList()) {
              Files.move(child, dest.resolve(child.getFileName().toString()));
            }
          }
          Files.delete(p);
        }
      } else if (Trees.exists(p)) {
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "ostree: /" + e.getKey() + " is a file, not a folder",
            "it must become a link to /" + tree.relativize(dest));
      }
      if (!Trees.exists(dest)) {
        Trees.dir(dest, e.getKey().equals("root") ? 0700 : 0755);
      }
      Files.createSymbolicLink(p, Path.of(e.getValue()));
    }
    log.line("ostree: home root opt srv mnt usr/local linked into /var");
  }

  /**
   * /etc ships as /usr/etc, the default configuration ostree's three-way merge compares a machine's
   * /etc with. Its machine-id is emptied so each machine makes its own at first boot.
   */
  private static void moveEtc(Path tree, ToolLog log) throws IOException {
    Path etc = tree.resolve("etc");
    Path usrEtc = tree.resolve("usr/etc");
    if (Trees.exists(usrEtc)) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: /usr/etc already exists in the root",
          "the root looks converted already; give the rootfs phase's root");
    }
    if (!Trees.isDir(etc)) {
      throw new DebforgeException(ErrorKind.COMPOSE_FAILED, "ostree: the root has no /etc");
    }
    Files.move(etc, usrEtc);
    Path machineId = usrEtc.resolve("machine-id");
    if (Trees.exists(machineId)) {
      // A new empty file, not a truncation: the copy may share the inode with the rootfs.
      int mode = Trees.mode(machineId);
      Files.delete(machineId);
      Files.createFile(machineId);
      Trees.chmod(machineId, mode);
    }
    log.line("ostree: /etc moved to /usr/etc, machine-id emptied");
  }

  private static void replaceWithLink(Path p, String target) throws IOException {
    Trees.delete(p);
    Files.createSymbolicLink(p, Path.of(target));
  }
}
