package org.debforge.debmock.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;

/**
 * {@code deb-mock build DIR}: the source package of an unpacked tree, made with {@code dpkg-source
 * -b} from a clean export of it ({@link TreeExport}) in a scratch directory, so the user's tree and
 * its parent stay untouched and nothing deb-mock wrote into the tree is built into the source.
 */
public final class SourceTree {
  private SourceTree() {}

  /**
   * Makes the .dsc of {@code tree} in {@code scratch}.
   *
   * @param excluded directories never exported (the result directory when inside the tree)
   * @return the .dsc, in {@code scratch} with the files it lists
   */
  public static Path buildDsc(Path tree, Path scratch, List<Path> excluded) {
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
    TreeExport.export(root, scratch.resolve(source), excluded);
    try {
      // 3.0 (quilt) needs the upstream tarballs next to the tree, as dpkg-source -b expects.
      if (root.getParent() != null) {
        try (var siblings = Files.list(root.getParent())) {
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
      }
      run(List.of("dpkg-source", "-b", source), scratch, root);
      try (var files = Files.list(scratch)) {
        return files
            .filter(p -> p.toString().endsWith(".dsc"))
            .findFirst()
            .orElseThrow(
                () ->
                    new DebforgeException(
                        ErrorKind.TOOL_FAILED,
                        root + ": dpkg-source -b wrote no .dsc",
                        "run dpkg-source -b in a copy of the tree to see why"));
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
