package org.debforge.debmock;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.chroot.RootCommand;
import org.debforge.debmock.chroot.RootLog;

/** A build root made ready to cross-build ({@code --host-arch}), as sbuild --host makes its own. */
final class CrossRoot {
  private CrossRoot() {}

  /**
   * --host-arch: the foreign architecture added to dpkg, its package lists fetched, and sbuild's
   * cross core dependencies installed: crossbuild-essential-ARCH, and libc-dev:ARCH and
   * libstdc++-dev:ARCH (dpkg-shlibdeps reads the host architecture's libc6 to compute Depends).
   */
  static void prepare(BuildRoot root, RootLog rootLog, String host, Path resultDir) {
    // apt-get satisfy takes Depends syntax, so virtual packages with several providers resolve
    // as sbuild's dummy package resolves them.
    String script =
        "dpkg --add-architecture "
            + host
            + " && apt-get update"
            + " && apt-get satisfy -y --no-install-recommends '"
            + coreDepends(host)
            + "'";
    rootLog.line("preparing the root to cross-build for " + host + ": " + script);
    int rc =
        root.run(
            new RootCommand(List.of("/bin/sh", "-c", script), false, "/", Map.of(), true), rootLog);
    if (rc != 0) {
      throw new DebforgeException(
          ErrorKind.DEPENDENCY_RESOLUTION,
          "cannot prepare the root to cross-build for "
              + host
              + " (exit "
              + rc
              + "): dpkg --add-architecture, apt-get update or apt-get satisfy '"
              + coreDepends(host)
              + "'",
          "read root.log in " + resultDir + "; the mirror must serve " + host + " packages");
    }
  }

  /** sbuild's CROSSBUILD_CORE_DEPENDS for a host architecture. */
  static String coreDepends(String host) {
    return "crossbuild-essential-" + host + ":native, libc-dev:" + host + ", libstdc++-dev:" + host;
  }
}
