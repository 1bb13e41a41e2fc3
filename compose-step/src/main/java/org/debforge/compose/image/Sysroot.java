package org.debforge.compose.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A fresh physical root with one deployment of the commit, made with ostree's own admin commands,
 * as an installer would: {@code admin init-fs}, {@code os-init}, {@code pull-local} of the commit,
 * the ref pointed at it (the deployment's origin, so {@code ostree admin upgrade} follows the ref),
 * {@code deploy --karg=...}. ostree writes the kernel, the initramfs and a BLS entry into the
 * sysroot's {@code /boot}.
 */
final class Sysroot {
  private Sysroot() {}

  static List<BootEntry> deploy(Path sysroot, DiskImageRequest r, List<String> kargs, Steps s) {
    try {
      // init-fs makes the layout inside an existing folder only.
      Files.createDirectories(sysroot);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "image: " + sysroot + ": " + e, null, e);
    }
    String sys = "--sysroot=" + sysroot;
    s.run("init-fs", "ostree", "admin", "init-fs", sysroot.toString());
    s.run("os-init", "ostree", "admin", sys, "os-init", r.osName());
    String repo = "--repo=" + sysroot.resolve("ostree/repo");
    s.run("pull-local", "ostree", repo, "pull-local", r.repo().toString(), r.commit());
    s.run("refs", "ostree", repo, "refs", "--create=" + r.ref(), r.commit());
    List<String> deploy = new ArrayList<>(List.of("ostree", "admin", sys, "deploy"));
    deploy.add("--os=" + r.osName());
    kargs.forEach(k -> deploy.add("--karg=" + k));
    deploy.add(r.ref());
    s.run("deploy", deploy.toArray(String[]::new));
    Path entries = sysroot.resolve("boot/loader/entries");
    try (Stream<Path> files = Files.list(entries)) {
      List<BootEntry> list =
          files
              .filter(p -> p.getFileName().toString().endsWith(".conf"))
              .sorted()
              .map(BootEntry::read)
              .toList();
      if (list.isEmpty()) {
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "image: ostree admin deploy wrote no boot entry into " + entries,
            "is the commit bootable (a kernel in /usr/lib/modules)? see " + s.log().file());
      }
      return list;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "image: cannot read the boot entries in " + entries + ": " + e,
          "see " + s.log().file(),
          e);
    }
  }

  /**
   * ostree marks each deployment's folder immutable ({@code chattr +i}) so nothing deletes it by
   * mistake; clear that before the scratch sysroot is removed.
   */
  static void unlock(Path sysroot, Steps s) {
    Path deploys = sysroot.resolve("ostree/deploy");
    if (!Files.isDirectory(deploys)) {
      return;
    }
    try (Stream<Path> w = Files.walk(deploys, 3)) {
      for (Path d :
          w.filter(
                  p ->
                      p.getParent().getFileName().toString().equals("deploy")
                          && p.getNameCount() - deploys.getNameCount() == 3
                          && Files.isDirectory(p))
              .toList()) {
        s.run("unlock", "chattr", "-i", d.toString());
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "image: " + deploys + ": " + e, null, e);
    }
  }
}
