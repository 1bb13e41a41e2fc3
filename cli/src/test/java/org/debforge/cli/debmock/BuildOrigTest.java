package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.debforge.cli.debmock.DebMockBuildTest.debMock;

import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.cli.debmock.DebMockBuildTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deb-mock build DIR} of a 3.0 (quilt) tree whose upstream tarball is nowhere: refused with
 * exit 50 before any build root is made, the message listing each place tried; a bad {@code --orig}
 * gets its own exit code. No root needed: both fail before the engine starts.
 */
class BuildOrigTest {
  @TempDir Path dir;

  @Test
  void noTarballAnywhereIsExit50ListingWhatWasTried() throws Exception {
    Path tree = TinySource.quiltTree(dir, "dmnoorig");
    Files.delete(dir.resolve("dmnoorig_1.0.orig.tar.gz"));

    Outcome o = debMock(dir.resolve("result"), "build", tree.toString());

    assertThat(o.code()).as(o.err()).isEqualTo(50);
    assertThat(o.err())
        .contains(
            tree + ": no upstream tarball dmnoorig_1.0.orig.tar.{gz,bz2,lzma,xz}",
            "beside the tree: " + dir + ": no dmnoorig_1.0.orig.tar.",
            "pristine-tar, upstream tag: " + tree + " is not in a git repository",
            "hint: give it with --orig FILE");
    assertThat(dir.resolve("result")).doesNotExist();
  }

  @Test
  void origThatDoesNotExistIsExit5AndADirectoryExit3() throws Exception {
    Path tree = TinySource.quiltTree(dir, "dmbadorig");

    Outcome missing =
        debMock(dir.resolve("result"), "build", "--orig", dir + "/nope.tar.gz", tree.toString());
    assertThat(missing.code()).as(missing.err()).isEqualTo(5);
    assertThat(missing.err()).contains("--orig " + dir + "/nope.tar.gz: no such file");

    Outcome directory =
        debMock(dir.resolve("result"), "build", "--orig", tree.toString(), tree.toString());
    assertThat(directory.code()).as(directory.err()).isEqualTo(3);
    assertThat(directory.err()).contains("is a directory, not a tarball");
  }
}
