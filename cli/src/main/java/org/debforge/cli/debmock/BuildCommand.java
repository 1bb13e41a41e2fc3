package org.debforge.cli.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.debforge.cli.output.JsonOutput;
import org.debforge.debmock.build.SourceTree;
import org.debforge.debmock.chroot.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code deb-mock build DIR}: builds the source package from a clean export of an unpacked tree
 * (the engine's {@link SourceTree}: never the result directory, {@code .debforge/}, {@code .git} or
 * VCS-ignored files), then rebuilds it like {@code --rebuild}.
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

  @Option(
      names = "--orig",
      paramLabel = "FILE",
      description =
          "The upstream tarball of a 3.0 (quilt) tree (SOURCE_UPVER.orig.tar.EXT, or any name:"
              + " copied under that one). Without it: ../SOURCE_UPVER.orig.tar.*, ../tarballs/,"
              + " gbp.conf's tarball-dir, the pristine-tar branch, then the upstream tag, as gbp"
              + " buildpackage looks (docs/deb-mock-git.md).")
  Path orig;

  @Override
  public Integer call() throws IOException {
    Path scratch = Files.createTempDirectory("deb-mock-source-");
    try {
      SourceTree.Made made =
          SourceTree.build(dir, scratch, List.of(parent.options().resultDir()), orig);
      if (made.orig() != null) {
        parent.progress(
            "upstream tarball "
                + made.orig().file().getFileName()
                + " from "
                + made.orig().source().json()
                + " ("
                + made.orig().origin()
                + ")");
      }
      var mock = parent.engine().orig(made.orig() == null ? null : made.orig().toJson());
      return parent.report(
          parent.rebuild(mock, made.dsc().toString()),
          json.enabled() || (parent.json != null && parent.json.enabled()));
    } finally {
      Trees.deleteRecursively(scratch);
    }
  }
}
