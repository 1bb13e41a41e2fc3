package org.debforge.core.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real consumer: dpkg installs and purges a package we wrote, in a throw-away root with its own
 * admin directory, so the host's package database is never touched.
 */
@Tag("root")
class DpkgInstallTest {
  @TempDir Path tmp;

  @Test
  void dpkgInstallsAndPurgesOurPackage() throws Exception {
    Path deb = DebWriterTest.build(tmp, Compression.XZ);
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
    for (String d : new String[] {"info", "updates", "triggers"}) {
      Files.createDirectories(admin.resolve(d));
    }
    Files.createFile(admin.resolve("status"));
    Files.createFile(admin.resolve("available"));
    String r = "--root=" + root;
    // Scripts run outside a chroot: the throw-away root has no /bin/sh of its own.
    Dpkg.run("dpkg", r, "--force-script-chrootless", "--force-not-root", "-i", deb.toString());

    assertThat(Dpkg.run("dpkg", r, "-s", "debforge-hello"))
        .contains("Status: install ok installed");
    assertThat(Files.readString(root.resolve("usr/bin/debforge-hello"))).contains("echo hello");
    assertThat(Files.readSymbolicLink(root.resolve("usr/bin/hello-link")))
        .isEqualTo(Path.of("debforge-hello"));
    assertThat(Dpkg.run("dpkg", r, "-L", "debforge-hello"))
        .contains("/usr/share/doc/debforge-hello/copyright");

    Dpkg.run("dpkg", r, "--force-script-chrootless", "--force-not-root", "-P", "debforge-hello");
    assertThat(root.resolve("usr/bin/debforge-hello")).doesNotExist();
    assertThat(Files.readString(admin.resolve("status"))).doesNotContain("debforge-hello");
  }
}
