package org.debforge.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.chroot.RootLog;
import org.debforge.debmock.plugin.api.ScratchRoot;

/**
 * The engine's side of {@link ScratchRoot}: a fresh overlay over a build root's base root, in a
 * directory beside it named after the plugin, claimed like a build root so a killed deb-mock's is
 * swept by the next build.
 */
final class ScratchRoots {
  private ScratchRoots() {}

  static ScratchRoot open(BuildRoot build, String requester, Consumer<String> log) {
    if (!requester.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("a scratch root is named after a plugin: " + requester);
    }
    Path dir = build.dir().resolveSibling(build.dir().getFileName() + "-" + requester);
    if (Files.exists(dir)) {
      // A scratch root of this build that an earlier hook left: never reused half-used.
      BuildRoot.open(dir, build.lower()).remove();
    }
    BuildRoot scratch = BuildRoot.open(dir, build.lower());
    StaleBuilds.claim(dir);
    log.accept(requester + ": scratch root " + dir + " over the base root " + build.lower());
    return new ScratchRoot() {
      @Override
      public Path mountPoint() {
        return scratch.mountPoint();
      }

      @Override
      public Path baseRoot() {
        return build.lower();
      }

      @Override
      public Path workDir() {
        Path w = scratch.dir().resolve("tool");
        try {
          Files.createDirectories(w);
        } catch (IOException e) {
          throw new DebforgeException(ErrorKind.IO, "cannot create " + w, null, e);
        }
        return w;
      }

      @Override
      public int runOnHost(List<String> argv, Map<String, String> env, boolean network, Path log) {
        return scratch.runOnHost(argv, env, network, new RootLog(log, s -> {}));
      }

      @Override
      public void close() {
        scratch.remove();
      }
    };
  }
}
