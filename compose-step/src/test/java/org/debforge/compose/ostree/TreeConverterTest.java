package org.debforge.compose.ostree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversion of a hand-made root: every move the issue lists, and the generated tmpfiles.d. */
class TreeConverterTest {
  @TempDir Path dir;
  Path tree;
  ToolLog log;

  @BeforeEach
  void convert() throws Exception {
    tree = HandMadeRoot.make(dir.resolve("tree"));
    log = new ToolLog(dir.resolve("ostree.log"), "ostree");
    assertThat(TreeConverter.convert(tree, log)).isEmpty();
  }

  @Test
  void theConvertedTreePassesTheLint() {
    assertThat(TreeLint.check(tree)).isEmpty();
  }

  @Test
  void etcShipsAsUsrEtcWithAnEmptyMachineId() throws Exception {
    assertThat(tree.resolve("etc")).doesNotExist();
    assertThat(tree.resolve("usr/etc/hostname")).hasContent("debian");
    assertThat(tree.resolve("usr/etc/machine-id")).isEmptyFile();
    assertThat(Trees.mode(tree.resolve("usr/etc/machine-id"))).isEqualTo(0444);
  }

  @Test
  void theDpkgDatabaseLivesUnderUsrAndVarIsEmpty() throws Exception {
    assertThat(tree.resolve("usr/lib/sysimage/dpkg/status")).content().contains("base-files");
    assertThat(tree.resolve("usr/lib/sysimage/dpkg/info/base-files.list")).exists();
    assertThat(Trees.isEmptyDir(tree.resolve("var"))).isTrue();
    assertThat(tree.resolve("usr/share/factory/var/lib/misc/state")).hasContent("kept");
    assertThat(Trees.mode(tree.resolve("usr/share/factory/var/lib/misc/state"))).isEqualTo(0640);
    assertThat(tree.resolve("usr/share/factory/var/roothome/.profile")).exists();
    assertThat(tree.resolve("usr/share/factory/var/log")).doesNotExist();
    assertThat(tree.resolve("usr/share/factory/var/cache/apt")).doesNotExist();
    assertThat(tree.resolve("usr/share/factory/var/cache/debconf/config.dat")).exists();
  }

  @Test
  void theGeneratedTmpfilesMatchTheGoldenFile() throws Exception {
    String text = Files.readString(tree.resolve(TreeLayout.TMPFILES));
    // On a difference, the actual file is left in target/ to review and copy over the golden one.
    Files.writeString(Path.of("target/debforge-var.conf.actual"), text);
    try (InputStream in = getClass().getResourceAsStream("debforge-var.conf.golden")) {
      assertThat(text).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void writablePlacesAreLinksIntoVar() throws Exception {
    assertThat(Files.readSymbolicLink(tree.resolve("home"))).isEqualTo(Path.of("var/home"));
    assertThat(Files.readSymbolicLink(tree.resolve("root"))).isEqualTo(Path.of("var/roothome"));
    assertThat(Files.readSymbolicLink(tree.resolve("opt"))).isEqualTo(Path.of("var/opt"));
    assertThat(Files.readSymbolicLink(tree.resolve("srv"))).isEqualTo(Path.of("var/srv"));
    assertThat(Files.readSymbolicLink(tree.resolve("mnt"))).isEqualTo(Path.of("var/mnt"));
    assertThat(Files.readSymbolicLink(tree.resolve("usr/local")))
        .isEqualTo(Path.of("../var/usrlocal"));
    assertThat(Files.readSymbolicLink(tree.resolve("ostree"))).isEqualTo(Path.of("sysroot/ostree"));
    assertThat(Trees.isEmptyDir(tree.resolve("sysroot"))).isTrue();
  }

  @Test
  void apiFoldersAndBootAreEmpty() throws Exception {
    for (String d : new String[] {"dev", "proc", "sys", "run", "tmp", "boot"}) {
      assertThat(Trees.isEmptyDir(tree.resolve(d))).as(d).isTrue();
    }
    assertThat(Trees.mode(tree.resolve("tmp"))).isEqualTo(01777);
    assertThat(Trees.mode(tree.resolve("proc"))).isEqualTo(0555);
  }

  @Test
  void aRootWithoutAKernelIsSaidInTheLog() throws Exception {
    assertThat(log.file()).content().contains("the root has no kernel");
  }

  @Test
  void anAlreadyConvertedTreeIsRefused() throws Exception {
    Path again = HandMadeRoot.make(dir.resolve("again"));
    HandMadeRoot.dir(again.resolve("usr/lib/sysimage/dpkg"), 0755);
    assertThatThrownBy(() -> TreeConverter.convert(again, log))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED))
        .hasMessageContaining("/usr/lib/sysimage/dpkg already exists");
  }

  @Test
  void twoKernelsAreRefused() throws Exception {
    Path two = HandMadeRoot.make(dir.resolve("two"));
    for (String k : new String[] {"6.1.0-1-amd64", "6.1.0-2-amd64"}) {
      HandMadeRoot.file(two.resolve("boot/vmlinuz-" + k), "kernel", 0644);
    }
    assertThatThrownBy(() -> TreeConverter.convert(two, log))
        .hasMessageContaining("2 kernels [6.1.0-1-amd64, 6.1.0-2-amd64]");
    assertThat(two.resolve("etc")).isDirectory();
  }

  @Test
  void aKernelWithoutDracutInTheRootNamesThePackage() throws Exception {
    Path k = HandMadeRoot.make(dir.resolve("k"));
    HandMadeRoot.file(k.resolve("boot/vmlinuz-6.1.0-1-amd64"), "kernel", 0644);
    HandMadeRoot.dir(k.resolve("usr/lib/modules/6.1.0-1-amd64"), 0755);
    assertThatThrownBy(() -> TreeConverter.convert(k, log))
        .hasMessageContaining("no /usr/bin/dracut")
        .satisfies(
            e -> assertThat(((DebforgeException) e).hint()).get().asString().contains("dracut"));
    assertThat(k.resolve("usr/lib/modules/6.1.0-1-amd64/vmlinuz")).hasContent("kernel");
  }
}
