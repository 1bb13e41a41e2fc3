package org.debforge.compose.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledSetTest {
  @TempDir Path root;

  @Test
  void readsWhatDpkgQueryWouldList() throws Exception {
    status(
        """
        Package: hello
        Status: install ok installed
        Architecture: amd64
        Version: 2.10-3

        Package: gone
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1

        Package: tzdata
        Status: install ok half-configured
        Architecture: all
        Version: 2024a-0+deb12u1
        """);
    assertThat(InstalledSet.read(root))
        .containsExactly(
            "hello 2.10-3 amd64", "tzdata 2024a-0+deb12u1 all (install ok half-configured)");
  }

  @Test
  void aDifferenceNamesTheExtraAndMissingPackages() {
    TreeSet<String> installed = new TreeSet<>(List.of("hello 2.10-3 amd64", "extra 1 all"));
    TreeSet<String> locked =
        InstalledSet.of(List.of(lock("hello", "2.10-3", "amd64"), lock("wanted", "2", "amd64")));
    assertThatThrownBy(() -> InstalledSet.requireEqual(installed, locked, Path.of("rootfs.log")))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED);
              assertThat(e.getMessage())
                  .contains("installed but not in the lock: extra 1 all")
                  .contains("in the lock but not installed: wanted 2 amd64")
                  .contains("rootfs.log");
            });
  }

  @Test
  void aMissingStatusFileIsAComposeFailureNotACrash() {
    assertThatThrownBy(() -> InstalledSet.read(root))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED));
  }

  @Test
  void aMalformedStatusFileIsAnError() throws Exception {
    status("Package: hello\nthis is not a field\n");
    assertThatThrownBy(() -> InstalledSet.read(root)).isInstanceOf(DebforgeException.class);
    status("Status: install ok installed\nVersion: 1\n");
    assertThatThrownBy(() -> InstalledSet.read(root))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("Package");
  }

  private void status(String text) throws Exception {
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.writeString(root.resolve("var/lib/dpkg/status"), text);
  }

  static LockedPackage lock(String name, String version, String arch) {
    return new LockedPackage(name, version, arch, "0".repeat(64), 1, "debian", "pool/x.deb");
  }
}
