package org.debforge.ostree.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysrootTest {
  static final String A = "a".repeat(64);
  static final String B = "b".repeat(64);

  @TempDir Path dir;

  @Test
  void deploymentsInBootOrderWithOriginsAndKernelArguments() throws Exception {
    Path root =
        HandMadeSysroot.write(
            dir.resolve("sysroot"),
            "debian",
            new String[] {A, B},
            new String[] {
              "[origin]\nbaserefspec=debian/12/x86_64/minimal\n[packages]\nrequested=hello;\n",
              "[origin]\nrefspec=debian/12/x86_64/minimal\n"
            },
            new String[] {"root=LABEL=root quiet", "root=LABEL=root"});
    Sysroot s = Sysroot.read(root);
    assertThat(s.deployments()).extracting(Deployment::checksum).containsExactly(A, B);
    Deployment d = s.deployments().get(0);
    assertThat(d.id()).isEqualTo("debian-" + A + ".0");
    assertThat(d.osname()).isEqualTo("debian");
    assertThat(d.serial()).isZero();
    assertThat(d.booted()).isFalse();
    assertThat(d.origin().requested()).containsExactly("hello");
    assertThat(d.entry().userOptions()).containsExactly("root=LABEL=root", "quiet");
    assertThat(s.merge().checksum()).isEqualTo(A);
    assertThat(s.rollback()).map(Deployment::checksum).contains(B);
    assertThat(d.originFile()).hasFileName(A + ".0.origin");
  }

  @Test
  void aFolderThatIsNoSysrootIsNotFound() {
    assertThatThrownBy(() -> Sysroot.read(dir))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("not an OSTree sysroot")
        .satisfies(e -> assertThat(((DebforgeException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void anEntryLeadingOutOfTheDeploymentsIsRefused() throws Exception {
    Path root =
        HandMadeSysroot.write(
            dir.resolve("s"),
            "debian",
            new String[] {A},
            new String[] {"[origin]\nrefspec=r\n"},
            new String[] {"quiet"});
    Path link = root.resolve("ostree/boot.1/debian/bootcsum0/0");
    Files.delete(link);
    Files.createDirectories(root.resolve("elsewhere/" + A + ".0"));
    Files.createSymbolicLink(link, Path.of("../../../../elsewhere/" + A + ".0"));
    assertThatThrownBy(() -> Sysroot.read(root))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("not a deployment")
        .satisfies(
            e -> assertThat(((DebforgeException) e).kind()).isEqualTo(ErrorKind.UNSAFE_INPUT));
  }

  @Test
  void aMissingOriginIsNamed() throws Exception {
    Path root =
        HandMadeSysroot.write(
            dir.resolve("s"),
            "debian",
            new String[] {A},
            new String[] {"[origin]\nrefspec=r\n"},
            new String[] {"quiet"});
    Files.delete(root.resolve("ostree/deploy/debian/deploy/" + A + ".0.origin"));
    assertThatThrownBy(() -> Sysroot.read(root))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining(A + ".0.origin: missing");
  }

  @Test
  void noDeploymentsHasNoMergeDeployment() throws Exception {
    Files.createDirectories(dir.resolve("e/ostree/repo"));
    Files.createDirectories(dir.resolve("e/boot"));
    Sysroot s = Sysroot.read(dir.resolve("e"));
    assertThat(s.deployments()).isEmpty();
    assertThatThrownBy(s::merge).hasMessageContaining("no deployments");
  }
}
