package org.debforge.cli.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Tiny 3.0 (native) source packages the deb-mock tests write themselves, made into a .dsc with the
 * real dpkg-source: no debhelper, so their dependency installation is nearly free.
 */
public final class TinySource {
  private TinySource() {}

  /**
   * @param buildCommand the shell run by debian/rules' build target ({@code true} to succeed)
   * @param buildDepends the Build-Depends field, or null for none
   */
  public static Path make(Path dir, String name, String buildCommand, String buildDepends)
      throws IOException, InterruptedException {
    Path tree = dir.resolve(name + "-1.0");
    writeTree(tree, name, "1.0", "3.0 (native)", buildCommand, buildDepends);
    Process p =
        new ProcessBuilder("dpkg-source", "-b", tree.getFileName().toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("dpkg-source -b failed: " + out);
    }
    return dir.resolve(name + "_1.0.dsc");
  }

  /**
   * A 3.0 (quilt) tree {@code NAME-1.0} (version 1.0-1) with its orig tarball beside it, as a
   * packaging repository's checkout holds it; returns the tree.
   */
  static Path quiltTree(Path dir, String name) throws IOException, InterruptedException {
    Path tree = dir.resolve(name + "-1.0");
    Files.createDirectories(tree);
    Files.writeString(tree.resolve("README"), "upstream\n");
    Process tar =
        new ProcessBuilder("tar", "czf", name + "_1.0.orig.tar.gz", tree.getFileName().toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(tar.getInputStream().readAllBytes());
    if (tar.waitFor() != 0) {
      throw new IOException("tar failed: " + out);
    }
    writeTree(tree, name, "1.0-1", "3.0 (quilt)", "true", null);
    return tree;
  }

  private static void writeTree(
      Path tree,
      String name,
      String version,
      String format,
      String buildCommand,
      String buildDepends)
      throws IOException {
    Files.createDirectories(tree.resolve("debian/source"));
    Files.writeString(tree.resolve("debian/source/format"), format + "\n");
    Files.writeString(
        tree.resolve("debian/control"),
        "Source: "
            + name
            + "\nMaintainer: deb-mock tests <tests@example.org>\nRules-Requires-Root: no\n"
            + (buildDepends == null ? "" : "Build-Depends: " + buildDepends + "\n")
            + "\nPackage: "
            + name
            + "\nArchitecture: all\nDescription: deb-mock test package\n tiny\n");
    Files.writeString(
        tree.resolve("debian/changelog"),
        name
            + " ("
            + version
            + ") unstable; urgency=medium\n\n  * Test.\n\n"
            + " -- deb-mock tests <tests@example.org>  Thu, 01 Feb 2024 12:00:00 +0000\n");
    Files.writeString(
        tree.resolve("debian/rules"),
        "#!/usr/bin/make -f\n"
            + "build build-arch build-indep:\n\t"
            + buildCommand
            + "\n"
            + "binary binary-arch binary-indep:\n\t"
            + buildCommand
            + "\n\trm -rf debian/tmp && mkdir -p debian/tmp/DEBIAN debian/tmp/usr/share/doc/"
            + name
            + "\n\techo built > debian/tmp/usr/share/doc/"
            + name
            + "/README\n"
            + "\tdpkg-gencontrol -p"
            + name
            + "\n\tdpkg-deb --root-owner-group --build debian/tmp ..\n"
            + "clean:\n\trm -rf debian/tmp debian/files\n");
    Files.setPosixFilePermissions(
        tree.resolve("debian/rules"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /**
   * A 3.0 (native) source building two binaries: {@code NAME} ({@code Architecture: any}, from
   * binary-arch) and {@code NAME-data} ({@code Architecture: all}, from binary-indep), as a library
   * and its -data or -doc package are.
   */
  static Path makeAnyAndAll(Path dir, String name) throws IOException, InterruptedException {
    Path dsc = make(dir, name, "true", null);
    Path tree = dir.resolve(name + "-1.0");
    Files.writeString(
        tree.resolve("debian/control"),
        "Source: "
            + name
            + "\nMaintainer: deb-mock tests <tests@example.org>\nRules-Requires-Root: no\n"
            + "\nPackage: "
            + name
            + "\nArchitecture: any\nDescription: deb-mock test package\n tiny\n"
            + "\nPackage: "
            + name
            + "-data\nArchitecture: all\nDescription: deb-mock test data\n tiny\n");
    Files.writeString(
        tree.resolve("debian/rules"),
        "#!/usr/bin/make -f\n"
            + "build build-arch build-indep:\n\ttrue\n"
            + "binary: binary-arch binary-indep\n"
            + "binary-arch:\n"
            + binaryRule(name)
            + "binary-indep:\n"
            + binaryRule(name + "-data")
            + "clean:\n\trm -rf debian/tmp-* debian/files\n");
    Files.delete(dsc);
    Files.delete(dir.resolve(name + "_1.0.tar.xz"));
    Process p =
        new ProcessBuilder("dpkg-source", "-b", tree.getFileName().toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("dpkg-source -b failed: " + out);
    }
    return dsc;
  }

  private static String binaryRule(String pkg) {
    String root = "debian/tmp-" + pkg;
    return "\trm -rf "
        + root
        + " && mkdir -p "
        + root
        + "/DEBIAN "
        + root
        + "/usr/share/doc/"
        + pkg
        + "\n\techo built > "
        + root
        + "/usr/share/doc/"
        + pkg
        + "/README\n\tdpkg-gencontrol -p"
        + pkg
        + " -P"
        + root
        + "\n\tdpkg-deb --root-owner-group --build "
        + root
        + " ..\n";
  }
}
