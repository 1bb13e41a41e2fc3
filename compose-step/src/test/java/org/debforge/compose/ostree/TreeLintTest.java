package org.debforge.compose.ostree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule broken on its own, on a converted tree that is otherwise clean. */
class TreeLintTest {
  @TempDir Path dir;
  Path tree;

  @BeforeEach
  void convert() throws Exception {
    tree = HandMadeRoot.make(dir.resolve("tree"));
    TreeConverter.convert(tree, new ToolLog(dir.resolve("ostree.log"), "ostree"));
    assertThat(TreeLint.check(tree)).isEmpty();
  }

  interface Breakage {
    void apply(Path tree) throws Exception;
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        of("/etc", "etc-in-usr", t -> Files.createDirectory(t.resolve("etc"))),
        of("/usr/etc", "etc-in-usr", t -> Files.move(t.resolve("usr/etc"), t.resolve("etc2"))),
        of(
            "/usr/lib/sysimage/dpkg",
            "dpkg-in-usr",
            t -> Files.delete(t.resolve("usr/lib/sysimage/dpkg/status"))),
        of(
            "/usr/lib/tmpfiles.d/debforge-var.conf",
            "dpkg-in-usr",
            t ->
                Files.writeString(t.resolve(TreeLayout.TMPFILES), "d /var/lib 0755 root root -\n")),
        of("/var", "var-empty", t -> Files.createDirectories(t.resolve("var/lib/dpkg"))),
        of("/boot", "boot-empty", t -> Files.writeString(t.resolve("boot/initrd.img-6.1"), "x")),
        of("/dev", "api-dir-empty", t -> Files.writeString(t.resolve("dev/null"), "")),
        of("/run", "api-dir-empty", t -> Files.createDirectory(t.resolve("run/lock"))),
        of("/tmp", "api-dir-empty", t -> Files.delete(t.resolve("tmp"))),
        of("/home", "var-link", t -> relink(t.resolve("home"), "var/users")),
        of("/usr/local", "var-link", t -> Trees.dir(swap(t.resolve("usr/local")), 0755)),
        of("/sysroot", "sysroot", t -> Files.delete(t.resolve("sysroot"))),
        of("/ostree", "sysroot", t -> relink(t.resolve("ostree"), "/sysroot/ostree")),
        of("/lib64", "merged-usr", t -> Files.createDirectory(t.resolve("lib64"))),
        of(
            "/usr/etc/machine-id",
            "machine-id",
            t -> Files.writeString(t.resolve("usr/etc/machine-id"), "0123\n")),
        of("/usr/lib/modules", "kernel", TreeLintTest::twoKernels),
        of(
            "/usr/lib/modules/6.1.0-1-amd64/initramfs.img",
            "kernel",
            t -> kernel(t, "6.1.0-1-amd64", false)),
        of("/usr/share/fifo", "special-file", TreeLintTest::fifo));
  }

  @ParameterizedTest(name = "{1} at {0}")
  @MethodSource("violations")
  void eachViolationIsNamedWithItsPathAndRule(String path, String rule, Breakage breakage)
      throws Exception {
    breakage.apply(tree);
    assertThat(TreeLint.check(tree))
        .extracting(v -> v.path() + " " + v.rule())
        .containsExactly(path + " " + rule);
    assertThatThrownBy(() -> TreeLint.require(tree))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED))
        .hasMessageContaining(path + ": " + rule + ": ");
  }

  @Test
  void everyViolationIsListedInOneError() throws Exception {
    Files.createDirectory(tree.resolve("etc"));
    Files.writeString(tree.resolve("boot/vmlinuz"), "x");
    assertThatThrownBy(() -> TreeLint.require(tree))
        .hasMessageContaining("breaks 2 rules:")
        .hasMessageContaining("/etc: etc-in-usr")
        .hasMessageContaining("/boot: boot-empty: not empty");
  }

  @Test
  void oneKernelWithItsInitramfsPasses() throws Exception {
    kernel(tree, "6.1.0-1-amd64", true);
    assertThat(TreeLint.check(tree)).isEmpty();
  }

  private static Arguments of(String path, String rule, Breakage b) {
    return Arguments.of(path, rule, b);
  }

  private static void relink(Path link, String target) throws Exception {
    Files.delete(link);
    Files.createSymbolicLink(link, Path.of(target));
  }

  private static Path swap(Path link) throws Exception {
    Files.delete(link);
    return link;
  }

  private static void twoKernels(Path t) throws Exception {
    kernel(t, "6.1.0-1-amd64", true);
    kernel(t, "6.1.0-2-amd64", true);
  }

  private static void kernel(Path t, String kver, boolean initramfs) throws Exception {
    Path m = Files.createDirectories(t.resolve("usr/lib/modules").resolve(kver));
    Files.writeString(m.resolve("vmlinuz"), "kernel");
    if (initramfs) {
      Files.writeString(m.resolve("initramfs.img"), "cpio");
    }
  }

  private static void fifo(Path t) throws Exception {
    Process p =
        new ProcessBuilder(List.of("mkfifo", t.resolve("usr/share/fifo").toString())).start();
    assertThat(p.waitFor()).isZero();
  }
}
