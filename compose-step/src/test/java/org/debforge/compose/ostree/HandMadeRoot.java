package org.debforge.compose.ostree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A small Debian-shaped root made of folders and files in a temp dir: what the rootfs phase leaves,
 * minus the packages, so the conversion is tested in milliseconds and without root.
 */
public final class HandMadeRoot {
  private HandMadeRoot() {}

  public static Path make(Path root) throws IOException {
    int uid = (Integer) Files.getAttribute(root.getParent(), "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int gid = (Integer) Files.getAttribute(root.getParent(), "unix:gid", LinkOption.NOFOLLOW_LINKS);
    dir(root, 0755);
    for (String d : new String[] {"usr", "usr/bin", "usr/lib", "usr/sbin", "usr/lib/tmpfiles.d"}) {
      dir(root.resolve(d), 0755);
    }
    file(root.resolve("usr/bin/sh"), "#!sh\n", 0755);
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Files.createSymbolicLink(root.resolve("sbin"), Path.of("usr/sbin"));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
    // Owners are named from the root's own passwd: the test's uid plays root, so the golden file
    // is the same whoever runs the test.
    dir(root.resolve("etc"), 0755);
    file(root.resolve("etc/passwd"), "root:x:" + uid + ":" + gid + ":root:/root:/bin/sh\n", 0644);
    file(root.resolve("etc/group"), "root:x:" + gid + ":\n", 0644);
    file(root.resolve("etc/machine-id"), "0123456789abcdef0123456789abcdef\n", 0444);
    file(root.resolve("etc/hostname"), "debian\n", 0644);
    // As base-files has it; ostree admin deploy reads it through the deployment's /etc.
    file(root.resolve("usr/lib/os-release"), "ID=debian\nVERSION_ID=\"12\"\n", 0644);
    Files.createSymbolicLink(root.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));
    // Declared by systemd's own tmpfiles.d: left to that line.
    file(root.resolve("usr/lib/tmpfiles.d/tmp.conf"), "q /var/tmp 1777 root root 30d\n", 0644);
    dir(root.resolve("var"), 0755);
    dir(root.resolve("var/lib"), 0755);
    dir(root.resolve("var/lib/dpkg"), 0755);
    dir(root.resolve("var/lib/dpkg/info"), 0755);
    file(
        root.resolve("var/lib/dpkg/status"),
        "Package: base-files\nStatus: install ok installed\n",
        0644);
    file(root.resolve("var/lib/dpkg/info/base-files.list"), "/etc/hostname\n", 0644);
    dir(root.resolve("var/lib/misc"), 0755);
    file(root.resolve("var/lib/misc/state"), "kept\n", 0640);
    dir(root.resolve("var/log"), 0755);
    file(root.resolve("var/log/dpkg.log"), "build-time log\n", 0644);
    dir(root.resolve("var/cache"), 0755);
    dir(root.resolve("var/cache/apt"), 0755);
    file(root.resolve("var/cache/apt/pkgcache.bin"), "cache", 0644);
    dir(root.resolve("var/cache/debconf"), 0755);
    file(root.resolve("var/cache/debconf/config.dat"), "Name: debconf/frontend\n", 0644);
    dir(root.resolve("var/mail"), 02775);
    dir(root.resolve("var/tmp"), 01777);
    Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));
    dir(root.resolve("home"), 0755);
    dir(root.resolve("root"), 0700);
    file(root.resolve("root/.profile"), "PATH=/usr/bin\n", 0644);
    dir(root.resolve("opt"), 0755);
    dir(root.resolve("srv"), 0755);
    dir(root.resolve("mnt"), 0755);
    dir(root.resolve("usr/local"), 0755);
    dir(root.resolve("usr/local/bin"), 0755);
    dir(root.resolve("boot"), 0755);
    dir(root.resolve("boot/grub"), 0755);
    for (String d : new String[] {"dev", "proc", "sys", "run", "tmp"}) {
      dir(root.resolve(d), 0755);
    }
    file(root.resolve("dev/console"), "not a node", 0600);
    dir(root.resolve("run/lock"), 01777);
    file(root.resolve("tmp/junk"), "x", 0644);
    return root;
  }

  static void dir(Path p, int mode) throws IOException {
    Files.createDirectories(p);
    Trees.chmod(p, mode);
  }

  static void file(Path p, String text, int mode) throws IOException {
    Files.writeString(p, text);
    Trees.chmod(p, mode);
  }
}
