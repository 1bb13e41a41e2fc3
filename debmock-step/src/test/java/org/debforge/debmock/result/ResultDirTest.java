package org.debforge.debmock.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 part 2: a result directory holding a previous build's files. */
class ResultDirTest {
  @TempDir Path dir;

  static final List<String> PREVIOUS =
      List.of(
          "hello_2.10-3_amd64.deb",
          "hello-dbgsym_2.10-3_amd64.ddeb",
          "hello-udeb_2.10-3_amd64.udeb",
          "hello_2.10-3_amd64.changes",
          "hello_2.10-3_amd64.buildinfo",
          "hello_2.10-3.dsc",
          "hello_2.10.orig.tar.gz",
          "hello_2.10.orig.tar.gz.asc",
          "hello_2.10-3.debian.tar.xz",
          "old_1.0-1.diff.gz",
          "build.log",
          "hw_info.log",
          "root.log.zst",
          "result.json");

  /** What is not a build's to remove: the user's files, other plugins' records, directories. */
  static final List<String> OTHERS =
      List.of("notes.txt", "buildroot_lock.json", "lintian.xml", "reproducible-2/x.deb");

  @Test
  void previousPackagesAreRefusedWithTheirNamesAndNothingIsTouched() throws Exception {
    fill(PREVIOUS);
    assertThatThrownBy(() -> ResultDir.prepare(dir, false))
        .isInstanceOf(DebforgeException.class)
        .hasMessageStartingWith(dir + ": holds a previous build's files (")
        .hasMessageContaining("and 7 more")
        .satisfies(
            e -> {
              DebforgeException d = (DebforgeException) e;
              assertThat(d.kind()).isEqualTo(ErrorKind.CONFLICT);
              assertThat(d.hint())
                  .hasValueSatisfying(h -> assertThat(h).contains("--clean-resultdir"));
            });
    for (String n : PREVIOUS) {
      assertThat(dir.resolve(n)).exists();
    }
  }

  @Test
  void cleanRemovesExactlyWhatABuildWrites() throws Exception {
    fill(PREVIOUS);
    fill(OTHERS);
    assertThat(ResultDir.prepare(dir, true)).containsExactlyInAnyOrderElementsOf(PREVIOUS);
    for (String n : PREVIOUS) {
      assertThat(dir.resolve(n)).doesNotExist();
    }
    for (String n : OTHERS) {
      assertThat(dir.resolve(n)).exists();
    }
  }

  @Test
  void cleanRemovesThePreviousQaReportsSoTheyAreNeverPublishedAgain() throws Exception {
    Files.createDirectories(dir.resolve("qa/autopkgtest"));
    Files.writeString(dir.resolve("qa/junit-lintian.xml"), "<testsuite/>");
    Files.writeString(dir.resolve("qa/autopkgtest/summary"), "t PASS\n");
    assertThat(ResultDir.prepare(dir, false)).doesNotContain("qa/");
    assertThat(dir.resolve("qa/junit-lintian.xml")).exists();
    assertThat(ResultDir.prepare(dir, true)).contains("qa/");
    assertThat(dir.resolve("qa")).doesNotExist();
  }

  @Test
  void logsOfAFailedBuildAreNotStaleAndThePlainOnesAreReplaced() throws Exception {
    fill(List.of("build.log", "root.log", "state.log", "result.json", "hw_info.log"));
    assertThat(ResultDir.prepare(dir, false))
        .containsExactly("build.log", "result.json", "root.log", "state.log");
    assertThat(dir.resolve("hw_info.log")).exists();
  }

  @Test
  void theSourceBeingBuiltIsNeitherStaleNorRemoved() throws Exception {
    fill(List.of("hello_2.10-3.dsc", "hello_2.10.orig.tar.gz", "hello_2.10-3.debian.tar.xz"));
    Set<String> inputs =
        Set.of("hello_2.10-3.dsc", "hello_2.10.orig.tar.gz", "hello_2.10-3.debian.tar.xz");
    assertThat(ResultDir.prepare(dir, false, inputs)).isEmpty();
    assertThat(ResultDir.prepare(dir, true, inputs)).isEmpty();
    assertThat(dir.resolve("hello_2.10-3.dsc")).exists();
  }

  @Test
  void missingDirectoryIsCreated() {
    assertThat(ResultDir.prepare(dir.resolve("a/b"), false)).isEmpty();
    assertThat(dir.resolve("a/b")).isDirectory();
  }

  private void fill(List<String> names) throws IOException {
    for (String n : names) {
      Files.createDirectories(dir.resolve(n).getParent());
      Files.writeString(dir.resolve(n), n);
    }
  }
}
