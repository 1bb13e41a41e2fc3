package org.debforge.debmock.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 part 1: what {@code deb-mock build DIR} exports of a workspace, with the real git and
 * dpkg-source: a second build in the same workspace must not see the first one's result directory.
 */
class TreeExportTest {
  @TempDir Path dir;

  @Test
  void gitTreeExportsTrackedAndUntrackedButNeitherIgnoredNorOurs() throws Exception {
    Path tree = quiltTree("gitpkg");
    write(tree.resolve(".gitignore"), "*.tmp\nbuild-area/\n");
    sh(tree, "git", "init", "-q");
    sh(tree, "git", "add", "-A");
    sh(tree, "git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "i");
    write(tree.resolve("debian/untracked-note"), "kept\n");
    write(tree.resolve("scratch.tmp"), "ignored\n");
    write(tree.resolve("build-area/x.deb"), "ignored\n");
    leaveAPreviousBuildIn(tree);

    List<String> out =
        TreeExport.export(tree, dir.resolve("export/gitpkg"), List.of(tree.resolve("result")));

    assertThat(out)
        .containsExactly(
            ".gitignore",
            "debian/changelog",
            "debian/control",
            "debian/rules",
            "debian/source/format",
            "debian/untracked-note",
            "src/hello.c");
    assertThat(dir.resolve("export/gitpkg/.git")).doesNotExist();
    assertThat(Files.isExecutable(dir.resolve("export/gitpkg/debian/rules"))).isTrue();
  }

  @Test
  void plainTreeDropsDpkgSourceDefaultIgnoresAndOurDirectories() throws Exception {
    Path tree = quiltTree("plainpkg");
    write(tree.resolve("src/hello.o"), "object\n");
    write(tree.resolve("src/hello.c~"), "backup\n");
    write(tree.resolve(".svn/entries"), "vcs\n");
    write(tree.resolve("src/.hello.c.swp"), "vi\n");
    leaveAPreviousBuildIn(tree);
    Files.createSymbolicLink(tree.resolve("src/link"), Path.of("hello.c"));

    List<String> out =
        TreeExport.export(tree, dir.resolve("export/plainpkg"), List.of(tree.resolve("result")));

    assertThat(out)
        .containsExactly(
            "debian/changelog",
            "debian/control",
            "debian/rules",
            "debian/source/format",
            "src/hello.c",
            "src/link");
    assertThat(Files.readSymbolicLink(dir.resolve("export/plainpkg/src/link")))
        .isEqualTo(Path.of("hello.c"));
  }

  @Test
  void quiltSourceBuildsFromAWorkspaceHoldingAPreviousBuild() throws Exception {
    // Without the export, dpkg-source -b fails on result/*.deb: "unrepresentable changes to
    // source" (the binary files are not in the orig tarball).
    Path tree = quiltTree("quiltpkg");
    leaveAPreviousBuildIn(tree);
    Path dsc = SourceTree.buildDsc(tree, dir.resolve("scratch"), List.of(tree.resolve("result")));

    assertThat(dsc.getFileName().toString()).isEqualTo("quiltpkg_1.0-1.dsc");
    String listing = sh(dsc.getParent(), "tar", "tf", "quiltpkg_1.0-1.debian.tar.xz");
    assertThat(listing).contains("debian/control").doesNotContain("result", ".debforge");
    assertThat(tree.resolve("result/quiltpkg_1.0-1_all.deb")).isRegularFile();
  }

  @Test
  void treeWithoutDebianControlIsNamed() {
    assertThatThrownBy(() -> SourceTree.buildDsc(dir, dir.resolve("scratch"), List.of()))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining(dir + ": no debian/control")
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }

  /** What a first build and the Jenkins step leave in the workspace. */
  private static void leaveAPreviousBuildIn(Path tree) throws IOException {
    write(tree.resolve("result/quiltpkg_1.0-1_all.deb"), "!<arch>\nnot really\n");
    write(tree.resolve("result/build.log"), "log\n");
    write(tree.resolve(".debforge/lintian-junit.py"), "print()\n");
  }

  /** A 3.0 (quilt) tree with its orig tarball beside it, as dpkg-source -b wants it. */
  private Path quiltTree(String name) throws Exception {
    Path tree = dir.resolve(name + "-1.0");
    write(tree.resolve("src/hello.c"), "int main(void) { return 0; }\n");
    sh(dir, "tar", "czf", name + "_1.0.orig.tar.gz", "--exclude=debian", tree.getFileName() + "");
    write(tree.resolve("debian/source/format"), "3.0 (quilt)\n");
    write(
        tree.resolve("debian/control"),
        "Source: "
            + name
            + "\nMaintainer: t <t@example.org>\n\nPackage: "
            + name
            + "\nArchitecture: all\nDescription: t\n t\n");
    write(
        tree.resolve("debian/changelog"),
        name
            + " (1.0-1) unstable; urgency=medium\n\n  * T.\n\n"
            + " -- t <t@example.org>  Thu, 01 Feb 2024 12:00:00 +0000\n");
    write(tree.resolve("debian/rules"), "#!/usr/bin/make -f\n");
    Files.setPosixFilePermissions(
        tree.resolve("debian/rules"), PosixFilePermissions.fromString("rwxr-xr-x"));
    return tree;
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static String sh(Path cwd, String... cmd) throws Exception {
    List<String> all = new ArrayList<>(List.of(cmd));
    Process p = new ProcessBuilder(all).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }
}
