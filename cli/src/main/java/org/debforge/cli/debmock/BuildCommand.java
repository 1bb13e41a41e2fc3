package org.debforge.cli.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.debmock.chroot.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code deb-mock build DIR}: builds the source package from an unpacked tree with {@code
 * dpkg-source -b} (in a scratch copy, so the user's tree and its parent stay untouched), then
 * rebuilds it like {@code --rebuild}.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Build the source package in DIR (with debian/), then its binary packages.")
final class BuildCommand implements Callable<Integer> {
  @ParentCommand DebMockCommand parent;

  // --json is a mixin, not an inherited option, so 'build' takes its own.
  @Mixin JsonOutput json;

  @Parameters(paramLabel = "DIR", defaultValue = ".", description = "Source tree with debian/.")
  Path dir;

  @Override
  public Integer call() throws IOException {
    Path tree = dir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(tree.resolve("debian/control"))) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, tree + ": no debian/control", "run build in a Debian source tree");
    }
    String source =
        Deb822.read(tree.resolve("debian/control"), Deb822.Options.CONTROL_FILE)
            .get(0)
            .require("Source");
    Path scratch = Files.createTempDirectory("deb-mock-source-");
    try {
      Path copy = scratch.resolve(source);
      run(List.of("cp", "-a", tree.toString(), copy.toString()), scratch);
      // 3.0 (quilt) needs the upstream tarballs next to the tree, as dpkg-source -b expects.
      try (var siblings = Files.list(tree.getParent())) {
        for (Path p :
            siblings
                .filter(
                    p ->
                        p.getFileName().toString().startsWith(source + "_")
                            && p.getFileName().toString().contains(".orig"))
                .toList()) {
          Files.copy(p, scratch.resolve(p.getFileName()));
        }
      }
      run(List.of("dpkg-source", "-b", source), scratch);
      Path dsc;
      try (var files = Files.list(scratch)) {
        dsc = files.filter(p -> p.toString().endsWith(".dsc")).findFirst().orElseThrow();
      }
      var mock = parent.engine();
      return parent.report(
          parent.rebuild(mock, dsc.toString()),
          json.enabled() || (parent.json != null && parent.json.enabled()));
    } finally {
      Trees.deleteRecursively(scratch);
    }
  }

  private static void run(List<String> cmd, Path cwd) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    try {
      if (p.waitFor() != 0) {
        throw new DebforgeException(
            ErrorKind.BUILD_FAILED,
            String.join(" ", cmd) + " failed:\n" + out.strip(),
            "fix the source tree so that dpkg-source -b accepts it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
