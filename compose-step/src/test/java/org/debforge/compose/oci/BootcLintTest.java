package org.debforge.compose.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each of bootc's fatal checks, broken alone on a hand-made tree, is named with its path. */
class BootcLintTest {
  @TempDir Path tmp;
  Path tree;

  @BeforeEach
  void tree() throws Exception {
    tree = BootcTree.make(tmp.resolve("tree"));
  }

  List<BootcLint.Violation> lint() {
    return BootcLint.check(tree);
  }

  @Test
  void theImageShapedTreePasses() {
    assertThat(lint()).isEmpty();
    BootcLint.require(tree);
  }

  @Test
  void usrEtcWithoutEtcFailsEtcUsretc() throws Exception {
    Files.move(tree.resolve("etc"), tree.resolve("usr/etc"));
    assertThat(lint())
        .containsExactly(
            new BootcLint.Violation(
                "etc-usretc",
                "/usr/etc",
                "present without /etc: a container image keeps its configuration in /etc"));
  }

  @Test
  void usrEtcBesideEtcFailsEtcUsretcAsInBootc() throws Exception {
    Files.createDirectories(tree.resolve("usr/etc"));
    assertThat(lint())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.check()).isEqualTo("etc-usretc");
              assertThat(v.detail()).contains("beside /etc");
            });
  }

  @Test
  void noEtcAtAllFailsEtcUsretc() throws Exception {
    Files.delete(tree.resolve("etc/hostname"));
    Files.delete(tree.resolve("etc"));
    assertThat(lint()).extracting(BootcLint.Violation::path).containsExactly("/etc");
  }

  @Test
  void twoKernelsFailKernelNamingBoth() throws Exception {
    BootcTree.kernel(tree, "6.1.0-98-amd64");
    assertThat(lint())
        .containsExactly(
            new BootcLint.Violation(
                "kernel",
                "/usr/lib/modules/6.1.0-98-amd64, /usr/lib/modules/6.1.0-99-amd64",
                "2 kernels: an image holds exactly one"));
  }

  @Test
  void aModulesFolderWithoutVmlinuzIsNoKernelButNoKernelAtAllFails() throws Exception {
    Files.createDirectories(tree.resolve("usr/lib/modules/6.1.0-1-extra"));
    assertThat(lint()).isEmpty();
    Files.delete(tree.resolve("usr/lib/modules/" + BootcTree.KVER + "/vmlinuz"));
    assertThat(lint()).extracting(BootcLint.Violation::check).containsExactly("kernel");
  }

  @Test
  void aFileNameThatIsNotUtf8FailsUtf8() throws Exception {
    BootcTree.sh(tree.resolve("usr/bin"), "touch \"$(printf 'bad\\377name')\"");
    assertThat(lint())
        .containsExactly(
            new BootcLint.Violation("utf8", "/usr/bin/bad\\xffname", "file name is not UTF-8"));
  }

  @Test
  void aSymlinkTargetThatIsNotUtf8FailsUtf8ButUtf8NamesPass() throws Exception {
    Files.writeString(tree.resolve("usr/bin/grüße"), "fine");
    BootcTree.sh(tree.resolve("usr/bin"), "ln -s \"$(printf 'to\\377')\" link");
    assertThat(lint())
        .containsExactly(
            new BootcLint.Violation("utf8", "/usr/bin/link", "symlink target is not UTF-8"));
  }

  @Test
  void varRunAsAFolderFailsVarRunAsALinkPasses() throws Exception {
    Files.createSymbolicLink(tree.resolve("var/run"), Path.of("../run"));
    assertThat(lint()).isEmpty();
    Files.delete(tree.resolve("var/run"));
    Files.createDirectories(tree.resolve("var/run/lock"));
    assertThat(lint())
        .containsExactly(new BootcLint.Violation("var-run", "/var/run", "not a symlink (to /run)"));
  }

  @Test
  void aMissingProcAndALinkedTmpFailApiBaseDirectories() throws Exception {
    Files.delete(tree.resolve("proc"));
    Files.delete(tree.resolve("tmp"));
    Files.createSymbolicLink(tree.resolve("tmp"), Path.of("var/tmp"));
    assertThat(lint())
        .containsExactly(
            new BootcLint.Violation("api-base-directories", "/proc", "missing API base directory"),
            new BootcLint.Violation("api-base-directories", "/tmp", "not a directory"));
  }

  @Test
  void noSysrootAndAWrongOstreeLinkFailBaseimageRoot() throws Exception {
    Files.delete(tree.resolve("sysroot"));
    Files.delete(tree.resolve("ostree"));
    Files.createSymbolicLink(tree.resolve("ostree"), Path.of("/sysroot/ostree"));
    assertThat(lint())
        .containsExactly(
            new BootcLint.Violation("baseimage-root", "/sysroot", "missing"),
            new BootcLint.Violation(
                "baseimage-root", "/ostree", "links to /sysroot/ostree, not sysroot/ostree"));
  }

  @Test
  void kargsDFilesAreParsedAsBootcParsesThem() throws Exception {
    Path d = Files.createDirectories(tree.resolve(KargsD.DIR));
    Files.writeString(
        d.resolve("10-console.toml"),
        "kargs = [\"console=ttyS0,115200n8\", \"quiet\"]\nmatch-architectures = [\"x86_64\"]\n");
    Files.writeString(d.resolve("README"), "not toml, and not read");
    assertThat(lint()).isEmpty();

    Files.writeString(d.resolve("20-broken.toml"), "kargs = [\"unterminated\n");
    Files.writeString(d.resolve("30-unknown.toml"), "kargs = []\nkarg = [\"typo\"]\n");
    Files.writeString(d.resolve("40-string.toml"), "kargs = \"quiet\"\n");
    Files.writeString(d.resolve("50-missing.toml"), "match-architectures = [\"aarch64\"]\n");
    List<BootcLint.Violation> v = lint();
    assertThat(v).allSatisfy(x -> assertThat(x.check()).isEqualTo("bootc-kargs"));
    assertThat(v)
        .extracting(BootcLint.Violation::path)
        .containsExactly(
            "/usr/lib/bootc/kargs.d/20-broken.toml",
            "/usr/lib/bootc/kargs.d/30-unknown.toml",
            "/usr/lib/bootc/kargs.d/40-string.toml",
            "/usr/lib/bootc/kargs.d/50-missing.toml");
    assertThat(v.get(0).detail()).startsWith("not TOML: ");
    assertThat(v.get(1).detail()).contains("unknown key 'karg'");
    assertThat(v.get(2).detail()).isEqualTo("kargs is not an array of strings");
    assertThat(v.get(3).detail()).isEqualTo("missing kargs = [\"...\"]");
  }

  @Test
  void requireNamesEveryFailedCheckAndPathInOneError() throws Exception {
    Files.move(tree.resolve("etc"), tree.resolve("usr/etc"));
    BootcTree.kernel(tree, "6.1.0-98-amd64");
    assertThatThrownBy(() -> BootcLint.require(tree))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED);
              assertThat(e.hint())
                  .hasValueSatisfying(h -> assertThat(h).contains("docs/compose-oci.md"));
            })
        .hasMessageContaining("fails bootc's lint")
        .hasMessageContaining("\n  etc-usretc: /usr/etc: present without /etc")
        .hasMessageContaining("\n  kernel: /usr/lib/modules/6.1.0-98-amd64, ");
  }
}
