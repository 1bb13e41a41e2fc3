package org.debforge.compose.ostree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.debforge.core.fs.XdgDirs;
import org.debforge.core.mirror.HostMirror;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real bookworm root with a kernel, dracut and ostree-boot (mmdebstrap from the host's mirror,
 * kept under $XDG_CACHE_HOME between runs and clones: making it takes minutes), committed: the
 * kernel and a dracut initramfs holding the ostree module under /usr/lib/modules/KVER, and the
 * generated tmpfiles.d applied by the host's systemd-tmpfiles to a checkout makes /var as a
 * deployment would.
 */
@Tag("network")
@Tag("slow")
@Tag("root")
public class BookwormOstreeTest {
  static final String INCLUDE = "linux-image-amd64,dracut,ostree-boot,systemd,systemd-sysv";
  // Named by what it holds: another package list is another root. A stale mirror state only
  // makes it an older bookworm, which is as good a root to convert; delete it to refresh it.
  static final Path ROOT =
      XdgDirs.fromEnvironment()
          .cacheHome()
          .resolve("debforge/test")
          .resolve("ostree-bookworm-root-" + Integer.toHexString(INCLUDE.hashCode()));
  static final String REF = "debian/12/x86_64/test";

  @TempDir Path dir;

  @Test
  void aBookwormRootBecomesABootableCommit() throws Exception {
    Path root = bookwormRoot();
    Path repo = dir.resolve("repo");
    OstreeCommit c =
        new OstreeCommitter()
            .commit(
                new OstreeRequest(
                    root,
                    repo,
                    REF,
                    "12.20261203.0",
                    Optional.empty(),
                    Map.of("debforge.lock", "{\"schema\":1}"),
                    dir.resolve("work"),
                    dir.resolve("ostree.log")));
    // Kept for reading the figures (each tool's time) after a run.
    Files.copy(
        dir.resolve("ostree.log"),
        Path.of("target/ostree-bookworm.log").toAbsolutePath(),
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(c.kernel()).as(Files.readString(dir.resolve("ostree.log"))).isPresent();
    String kver = c.kernel().get();
    Ostree ostree = new Ostree(repo);
    assertThat(ostree.run("show", "--print-metadata-key=ostree.bootable", REF)).contains("true");
    assertThat(ostree.run("ls", REF, "/usr/lib/modules/" + kver))
        .contains("/vmlinuz", "/initramfs.img");
    assertThat(ostree.run("ls", REF, "/boot").strip()).endsWith("/boot");
    assertThat(ostree.run("cat", REF, "/usr/lib/sysimage/dpkg/status"))
        .contains("Package: ostree-boot");
    assertThat(ostree.run("fsck")).doesNotContain("corrupted");
    assertThat(root.resolve("boot/vmlinuz-" + kver)).as("the rootfs is not changed").exists();

    Path checkout = dir.resolve("checkout");
    ostree.run("checkout", REF, checkout.toString());
    List<String> initramfs =
        cpioNames(checkout.resolve("usr/lib/modules/" + kver + "/initramfs.img"));
    assertThat(initramfs)
        .contains("usr/lib/ostree/ostree-prepare-root")
        .anyMatch(n -> n.endsWith("ostree-prepare-root.service"))
        .anyMatch(n -> n.contains("/virtio_blk.ko"))
        .anyMatch(n -> n.contains("/ext4.ko"));

    // What a deployment does: /etc from /usr/etc, then systemd-tmpfiles fills the empty /var.
    copy(checkout.resolve("usr/etc"), checkout.resolve("etc"));
    Process p =
        new ProcessBuilder(
                "systemd-tmpfiles",
                "--create",
                "--root=" + checkout,
                // A named file is read from the host's path, not below --root.
                checkout.resolve(TreeLayout.TMPFILES).toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(checkout.resolve("var/lib/dpkg/status")).content().contains("Package: ostree-boot");
    assertThat(checkout.resolve("var/cache/apt/archives/partial")).isDirectory();
    assertThat(checkout.resolve("var/roothome/.bashrc")).isRegularFile();

    // ostree admin deploys it: the kernel and the dracut initramfs land in the sysroot's /boot.
    Path sysroot = Files.createDirectories(dir.resolve("sysroot"));
    Ostree admin = new Ostree(null);
    admin.run("admin", "init-fs", sysroot.toString());
    admin.run("admin", "--sysroot=" + sysroot, "os-init", "debian");
    new Ostree(sysroot.resolve("ostree/repo")).run("pull-local", repo.toString(), REF);
    admin.run("admin", "--sysroot=" + sysroot, "deploy", "--os=debian", REF);
    try {
      String entry;
      try (var s = Files.list(sysroot.resolve("boot/loader/entries"))) {
        entry = Files.readString(s.findFirst().orElseThrow());
      }
      assertThat(entry)
          .contains("title Debian GNU/Linux 12 (bookworm) 12.20261203.0")
          .contains("vmlinuz-" + kver, "initramfs-" + kver + ".img");
      Path deployment = sysroot.resolve("ostree/deploy/debian/deploy/" + c.checksum() + ".0");
      assertThat(deployment.resolve("etc/passwd")).content().contains("root:x:0:0");
    } finally {
      admin.run("admin", "--sysroot=" + sysroot, "undeploy", "0");
    }
  }

  private static List<String> cpioNames(Path initramfs) throws Exception {
    List<String> names = new ArrayList<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(initramfs));
        InputStream in = new CompressorStreamFactory().createCompressorInputStream(raw);
        CpioArchiveInputStream cpio = new CpioArchiveInputStream(in)) {
      for (ArchiveEntry e = cpio.getNextEntry(); e != null; e = cpio.getNextEntry()) {
        names.add(e.getName().replaceFirst("^\\./", ""));
      }
    }
    return names;
  }

  private static void copy(Path from, Path to) throws Exception {
    Process p = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).start();
    assertThat(p.waitFor()).isZero();
  }

  /**
   * mmdebstrap's minimal bookworm with a kernel, made once and renamed when done (the oci tests
   * reuse it).
   */
  public static synchronized Path bookwormRoot() throws Exception {
    if (Files.isDirectory(ROOT.resolve("usr"))) {
      return ROOT;
    }
    Files.createDirectories(ROOT.getParent());
    Path part = ROOT.resolveSibling(ROOT.getFileName() + ".part");
    Trees.delete(part);
    Process p =
        new ProcessBuilder(
                "mmdebstrap",
                "--mode=root",
                "--variant=minbase",
                "--include=" + INCLUDE,
                "--aptopt=APT::Install-Recommends \"false\"",
                "bookworm",
                part.toString(),
                HostMirror.detect())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Files.move(part, ROOT, StandardCopyOption.ATOMIC_MOVE);
    return ROOT;
  }
}
