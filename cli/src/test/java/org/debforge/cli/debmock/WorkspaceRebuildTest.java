package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.debforge.cli.debmock.DebMockBuildTest.debMock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.cli.debmock.DebMockBuildTest.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 parts 1 and 2, as a CI job reuses its workspace: a 3.0 (quilt) package's git checkout
 * built with {@code deb-mock build DIR} twice, the result directory inside the tree (where the
 * default {@code ./result} is when run from the checkout) beside the steps' {@code .debforge/}.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class WorkspaceRebuildTest {
  @TempDir Path dir;

  @Test
  void secondBuildInTheSameWorkspaceRefusesStaleResultsThenSucceedsWhenCleaning() throws Exception {
    Path tree = TinySource.quiltTree(dir, "dmws");
    git(tree, "init", "-q");
    git(tree, "add", "-A");
    git(tree, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "import");
    Files.createDirectories(tree.resolve(".debforge"));
    Files.writeString(tree.resolve(".debforge/lintian-junit.py"), "print()\n");
    Path result = tree.resolve("result");

    Outcome first = debMock(result, "build", tree.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(result.resolve("dmws_1.0-1_all.deb")).isRegularFile();

    // Before the fix this failed in dpkg-source -b: "unrepresentable changes to source".
    Outcome stale = debMock(result, "build", tree.toString());
    assertThat(stale.code()).as(stale.err()).isEqualTo(6);
    assertThat(stale.err()).contains("holds a previous build's files", "--clean-resultdir");
    assertThat(stale.result().get("status").asText()).isEqualTo("succeeded"); // untouched

    Outcome second = debMock(result, "--clean-resultdir", "build", tree.toString());
    assertThat(second.code()).as(second.err()).isZero();
    try (var files = Files.list(result)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".changes")))
          .containsExactly("dmws_1.0-1_amd64.changes");
    }
    Process tar =
        new ProcessBuilder("tar", "tf", result.resolve("dmws_1.0-1.debian.tar.xz").toString())
            .start();
    assertThat(new String(tar.getInputStream().readAllBytes()))
        .contains("debian/rules")
        .doesNotContain("result", ".debforge", ".git");
  }

  private static void git(Path cwd, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }
}
