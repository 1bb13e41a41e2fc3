package org.debforge.debmock.chroot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.debforge.debmock.config.AptSource;
import org.debforge.debmock.config.ChrootConfig;

/** The mmdebstrap command line that makes a base root from a config. */
final class MmdebstrapCommand {
  private MmdebstrapCommand() {}

  static List<String> of(ChrootConfig c, Path root) {
    // fakeroot: dpkg-buildpackage needs it for packages without Rules-Requires-Root: no.
    Set<String> include = new LinkedHashSet<>(List.of("fakeroot"));
    include.addAll(c.extraPackages());
    List<String> cmd = new ArrayList<>();
    cmd.add("mmdebstrap");
    cmd.add("--mode=root");
    cmd.add("--variant=" + c.variant());
    cmd.add("--arch=" + c.architecture());
    cmd.add("--components=" + String.join(",", c.components()));
    cmd.add("--include=" + String.join(",", include));
    // Build roots are thrown away after each build: durability is wasted time.
    cmd.add("--dpkgopt=force-unsafe-io");
    cmd.add("--aptopt=APT::Install-Recommends \"false\"");
    cmd.add("--aptopt=Acquire::Languages \"none\"");
    // Keep the package lists: builds install dependencies without a fresh 'apt-get update',
    // which is right because the root is keyed by the mirror's Release Date.
    cmd.add("--skip=cleanup/apt/lists");
    int i = 0;
    for (AptSource s : c.extraSources()) {
      String keyPath = null;
      if (s.signedBy() != null) {
        keyPath = "/etc/apt/keyrings/deb-mock-" + i + ".asc";
        cmd.add(
            "--customize-hook=mkdir -p \"$1/etc/apt/keyrings\" && cp '"
                + s.signedBy()
                + "' \"$1"
                + keyPath
                + "\"");
      }
      cmd.add(
          "--customize-hook=printf '%s' '"
              + s.toDeb822(keyPath).replace("'", "")
              + "' > \"$1/etc/apt/sources.list.d/deb-mock-"
              + i
              + ".sources\"");
      i++;
    }
    if (!c.extraSources().isEmpty()) {
      cmd.add("--customize-hook=chroot \"$1\" apt-get update");
    }
    cmd.add(
        "--customize-hook=chroot \"$1\" useradd --uid "
            + BaseRootCache.BUILD_UID
            + " --user-group --home-dir /nonexistent --no-create-home --shell /bin/sh "
            + BaseRootCache.BUILD_USER);
    cmd.add(
        "--customize-hook=mkdir -p \"$1/build\" && chown "
            + BaseRootCache.BUILD_UID
            + ":"
            + BaseRootCache.BUILD_UID
            + " \"$1/build\"");
    cmd.add(c.suite());
    cmd.add(root.toString());
    cmd.add("deb " + c.mirror() + " " + c.suite() + " " + String.join(" ", c.components()));
    return cmd;
  }
}
