package org.debforge.compose.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  @Test
  void installsEveryLockedPackagePinnedFromTheRepositoryOnly() {
    List<String> c =
        Bootstrap.command(
            Path.of("/srv/compose/repo"),
            "bookworm",
            List.of("main"),
            "amd64",
            Path.of("/srv/compose/key.gpg"),
            List.of(
                InstalledSetTest.lock("hello", "2.10-3", "amd64"),
                InstalledSetTest.lock("tzdata", "2024a-0+deb12u1", "all"),
                InstalledSetTest.lock("libc6", "2.36-9", "i386")),
            Path.of("/srv/compose/.rootfs-1/root"));
    assertThat(c)
        .containsExactly(
            "mmdebstrap",
            "--mode=root",
            "--variant=essential",
            "--format=directory",
            "--architectures=amd64,i386",
            "--aptopt=APT::Install-Recommends \"false\"",
            "--aptopt=APT::Install-Suggests \"false\"",
            "--aptopt=Acquire::Languages \"none\"",
            "--include=hello=2.10-3,tzdata=2024a-0+deb12u1,libc6:i386=2.36-9",
            "bookworm",
            "/srv/compose/.rootfs-1/root",
            "deb [signed-by=/srv/compose/key.gpg] copy:///srv/compose/repo bookworm main");
  }
}
