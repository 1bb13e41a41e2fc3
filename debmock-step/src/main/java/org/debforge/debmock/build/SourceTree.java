package org.debforge.debmock.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.debmock.build.orig.OrigFinder;
import org.debforge.debmock.build.orig.OrigTarball;

/**
 * {@code deb-mock build DIR}: the source package of an unpacked tree, made with {@code dpkg-source
 * -b} from a clean export of it ({@link TreeExport}) in a scratch directory, so the user's tree and
 * its parent stay untouched and nothing deb-mock wrote into the tree is built into the source.
 */
public final class SourceTree {
  private SourceTree() {}

  /**
   * The source package made from a tree, and the upstream tarball it was made with.
   *
   * @param orig null for a native source
   */
  public record Made(Path dsc, OrigTarball orig) {}

  /**
   * Makes the .dsc of {@code tree} in {@code scratch}, with the upstream tarball found beside the
   * tree or in its git repository.
   *
   * @param excluded directories never exported (the result directory when inside the tree)
   * @return the .dsc, in {@code scratch} with the files it lists
   */
  public static Path buildDsc(Path tree, Path scratch, List<Path> excluded) {
    return build(tree, scratch, excluded, null).dsc();
  }

  /**
   * Makes the source package of {@code tree} in {@code scratch}; a non-native one with the upstream
   * tarball {@link OrigFinder} finds or makes (from {@code orig} when given), placed in {@code
   * scratch} beside the export, where dpkg-source -b looks for it.
   *
   * @param excluded directories never exported (the result directory when inside the tree)
   * @param orig {@code --orig FILE}, or null
   */
  public static Made build(Path tree, Path scratch, List<Path> excluded, Path orig) {
    Path root = tree.toAbsolutePath().normalize();
    Path control = root.resolve("debian/control");
    if (!Files.isRegularFile(control)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, root + ": no debian/control", "run build in a Debian source tree");
    }
    String source = Deb822.read(control, Deb822.Options.CONTROL_FILE).get(0).require("Source");
    if (!source.matches("[a-z0-9][a-z0-9+.-]+")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          control + ": Source: '" + source + "' is not a Debian source package name",
          "lower-case letters, digits, + - . (Debian Policy 5.6.1)");
    }
    // Found before the export: a missing tarball fails fast, before any copying.
    OrigTarball found = OrigFinder.find(root, source, orig, scratch).orElse(null);
    TreeExport.export(root, scratch.resolve(source), excluded);
    try {
      run(List.of("dpkg-source", "-b", source), scratch, root);
      try (var files = Files.list(scratch)) {
        Path dsc =
            files
                .filter(p -> p.toString().endsWith(".dsc"))
                .findFirst()
                .orElseThrow(
                    () ->
                        new DebforgeException(
                            ErrorKind.TOOL_FAILED,
                            root + ": dpkg-source -b wrote no .dsc",
                            "run dpkg-source -b in a copy of the tree to see why"));
        return new Made(dsc, found);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          root + ": cannot make the source package: " + e.getMessage(),
          "check free space in " + scratch.getParent(),
          e);
    }
  }

  private static void run(List<String> cmd, Path cwd, Path tree) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    try {
      if (p.waitFor() != 0) {
        throw new DebforgeException(
            ErrorKind.BUILD_FAILED,
            tree + ": " + String.join(" ", cmd) + " failed:\n" + out.strip(),
            "fix the source tree so that dpkg-source -b accepts it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
