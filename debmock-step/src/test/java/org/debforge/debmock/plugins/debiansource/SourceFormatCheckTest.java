package org.debforge.debmock.plugins.debiansource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * debian_source against source packages made by the real dpkg-source -b, one per format, and a 3.0
 * (quilt) one whose patch no longer applies.
 */
class SourceFormatCheckTest {
  @TempDir Path dir;

  private static final SourceFormatCheck ALL =
      new SourceFormatCheck(SourceFormatCheck.KNOWN, List.of());

  /** A tree "dmsrc-1.0" with an upstream file; for quilt, an .orig.tar and a patch. */
  private Path make(String format, String version) throws Exception {
    String name = "dmsrc";
    Path tree = dir.resolve(name + "-1.0");
    Files.createDirectories(tree.resolve("debian/source"));
    Files.writeString(tree.resolve("hello.txt"), "hello\nworld\n");
    if (format.equals("3.0 (quilt)") || format.equals("1.0-diff")) {
      run(dir, "tar", "czf", name + "_1.0.orig.tar.gz", "--exclude=debian", name + "-1.0");
    }
    if (format.equals("3.0 (quilt)")) {
      Files.createDirectories(tree.resolve("debian/patches"));
      String target = "world";
      Files.writeString(
          tree.resolve("debian/patches/fix-greeting.patch"),
          "--- a/hello.txt\n+++ b/hello.txt\n@@ -1,2 +1,2 @@\n hello\n-" + target + "\n+Debian\n");
      Files.writeString(tree.resolve("debian/patches/series"), "fix-greeting.patch\n");
    }
    String fmt = format.equals("1.0-diff") ? "1.0" : format;
    Files.writeString(tree.resolve("debian/source/format"), fmt + "\n");
    Files.writeString(
        tree.resolve("debian/control"),
        "Source: "
            + name
            + "\nMaintainer: t <t@example.org>\n\nPackage: "
            + name
            + "\nArchitecture: all\nDescription: t\n t\n");
    Files.writeString(
        tree.resolve("debian/changelog"),
        name
            + " ("
            + version
            + ") unstable; urgency=medium\n\n  * T.\n\n -- t <t@example.org>  Thu, 01 Feb 2024"
            + " 12:00:00 +0000\n");
    Files.writeString(tree.resolve("debian/rules"), "#!/usr/bin/make -f\n");
    Files.setPosixFilePermissions(
        tree.resolve("debian/rules"), PosixFilePermissions.fromString("rwxr-xr-x"));
    run(dir, "dpkg-source", "-b", name + "-1.0");
    return dir.resolve(name + "_" + version + ".dsc");
  }

  private static void run(Path cwd, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + ": " + out);
    }
  }

  @Test
  void eachFormatPassesAndUnpacks() throws Exception {
    Path nativeDsc = make("3.0 (native)", "1.0");
    assertThat(ALL.check(nativeDsc, true)).contains("format: 3.0 (native)").contains("unpack: ok");
    Files.delete(nativeDsc);
    deleteTree(dir.resolve("dmsrc-1.0"));
    Path quilt = make("3.0 (quilt)", "1.0-1");
    assertThat(ALL.check(quilt, true))
        .contains("format: 3.0 (quilt)")
        .contains("applying fix-greeting.patch");
  }

  @Test
  void oneZeroNativeAndNonNativePass() throws Exception {
    Path dsc = make("1.0", "1.0");
    assertThat(ALL.check(dsc, true)).contains("format: 1.0").contains("unpack: ok");
    Files.delete(dsc);
    deleteTree(dir.resolve("dmsrc-1.0"));
    Path withDiff = make("1.0-diff", "1.0-1");
    assertThat(dir.resolve("dmsrc_1.0-1.diff.gz")).exists();
    assertThat(ALL.check(withDiff, true)).contains("format: 1.0").contains("unpack: ok");
  }

  @Test
  void formatNotAcceptedIsRefused() throws Exception {
    Path dsc = make("3.0 (native)", "1.0");
    assertThatThrownBy(
            () -> new SourceFormatCheck(List.of("3.0 (quilt)"), List.of()).check(dsc, false))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("Format '3.0 (native)' is not accepted");
  }

  @Test
  void aPatchThatDoesNotApplyFailsNamingIt() throws Exception {
    Path dsc = make("3.0 (quilt)", "1.0-1");
    // Swap the debian tarball for one whose patch expects a line upstream does not have, and
    // update the .dsc's sizes and checksums, so only the patch is at fault.
    Path debianTar = dir.resolve("dmsrc_1.0-1.debian.tar.xz");
    Path work = Files.createDirectory(dir.resolve("work"));
    run(work, "tar", "xf", debianTar.toString());
    Files.writeString(
        work.resolve("debian/patches/fix-greeting.patch"),
        "--- a/hello.txt\n+++ b/hello.txt\n@@ -1,2 +1,2 @@\n hello\n-planet\n+Debian\n");
    String before = Files.readString(dsc);
    String[] old = sums(debianTar);
    Files.delete(debianTar);
    run(work, "tar", "cJf", debianTar.toString(), "debian");
    String[] now = sums(debianTar);
    String text = before;
    for (int i = 0; i < old.length; i++) {
      text = text.replace(old[i] + " " + old[3], now[i] + " " + now[3]);
    }
    Files.writeString(dsc, text);
    assertThatThrownBy(() -> ALL.check(dsc, true))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("patch fix-greeting.patch does not apply");
  }

  /** md5, sha1, sha256 and size of {@code f}, as a .dsc lists them. */
  private static String[] sums(Path f) throws Exception {
    byte[] b = Files.readAllBytes(f);
    String[] out = new String[4];
    String[] algs = {"MD5", "SHA-1", "SHA-256"};
    for (int i = 0; i < 3; i++) {
      out[i] =
          java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance(algs[i]).digest(b));
    }
    out[3] = Long.toString(b.length);
    return out;
  }

  @Test
  void lastPatchIsTheOneBeingApplied() {
    assertThat(
            SourceFormatCheck.lastPatch(
                "dpkg-source: info: applying a.patch\ndpkg-source: info: applying b.patch\nfail"))
        .isEqualTo("b.patch");
    assertThat(SourceFormatCheck.lastPatch("nothing")).isNull();
  }

  private static void deleteTree(Path p) throws IOException {
    org.debforge.debmock.chroot.Trees.deleteRecursively(p);
  }
}
