package org.debforge.compose.ostree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two composes' commits of a hand-made root into one repository, read back with the ostree CLI: the
 * second has the first as parent, both carry version and lock, and the static delta between them
 * applies to a repository holding only the first.
 */
@Tag("root")
class OstreeCommitterTest {
  static final String REF = "debian/12/x86_64/minimal";
  static final String LOCK = "{\"schema\":1,\"packages\":[{\"name\":\"hello\"}]}";

  @TempDir Path dir;

  @Test
  void aSecondCommitHasTheFirstAsParentAndADeltaFromIt() throws Exception {
    Path root = HandMadeRoot.make(dir.resolve("rootfs"));
    Path repo = dir.resolve("repo");
    OstreeCommitter committer = new OstreeCommitter();
    OstreeCommit first = committer.commit(request(root, repo, "12.1", Optional.empty()));
    Files.writeString(root.resolve("usr/bin/hello"), "hello, world\n");
    OstreeCommit second =
        committer.commit(request(root, repo, "12.2", Optional.of(first.checksum())));

    Ostree ostree = new Ostree(repo);
    assertThat(ostree.run("rev-parse", REF).strip()).isEqualTo(second.checksum());
    assertThat(Files.readString(repo.resolve("config"))).contains("mode=archive");
    String log = ostree.run("log", REF);
    assertThat(log).contains("commit " + second.checksum(), "commit " + first.checksum());
    assertThat(log).containsSubsequence("Version: 12.2", "Version: 12.1");
    assertThat(ostree.run("show", "--print-metadata-key=version", REF).strip()).isEqualTo("'12.2'");
    assertThat(ostree.run("show", "--print-metadata-key=debforge.lock", REF)).contains("hello");
    assertThat(ostree.run("static-delta", "list"))
        .contains(first.checksum() + "-" + second.checksum());
    assertThat(second.delta()).isTrue();
    assertThat(second.parent()).contains(first.checksum());
    assertThat(ostree.run("fsck")).doesNotContain("corrupted");

    // The tree as ostree lists it: converted, not the rootfs as given.
    assertThat(ostree.run("ls", REF, "/usr/bin/hello")).contains("/usr/bin/hello");
    assertThat(ostree.run("ls", REF, "/usr/etc/hostname")).contains("/usr/etc/hostname");
    assertThat(ostree.run("ls", REF, "/")).contains("/ostree -> sysroot/ostree");
    assertThat(ostree.tryRun("ls", REF, "/etc").exit()).isNotZero();
    assertThat(ostree.run("ls", REF, "/var")).doesNotContain("/var/");
    assertThat(ostree.run("cat", REF, "/" + TreeLayout.TMPFILES))
        .contains("L /var/lib/dpkg - - - - ../../usr/lib/sysimage/dpkg");

    // The rootfs phase's output is untouched; no scratch is left.
    assertThat(root.resolve("etc/machine-id")).content().startsWith("0123456789abcdef");
    assertThat(root.resolve("var/lib/dpkg/status")).exists();
    try (Stream<Path> s = Files.list(dir.resolve("work"))) {
      assertThat(s).isEmpty();
    }

    // The delta is usable: applied offline to a repository holding only the first commit, it
    // yields the second.
    Path other = dir.resolve("other");
    Ostree o = new Ostree(other);
    o.run("init", "--mode=archive");
    o.run("pull-local", repo.toString(), first.checksum());
    Path superblock;
    try (Stream<Path> s = Files.walk(repo.resolve("deltas"))) {
      superblock =
          s.filter(p -> p.getFileName().toString().equals("superblock")).findFirst().orElseThrow();
    }
    o.run("static-delta", "apply-offline", superblock.getParent().toString());
    assertThat(o.run("ls", second.checksum(), "/usr/bin/hello")).contains("hello");
  }

  @Test
  void ostreeAdminDeploysTheCommitWithItsKernelAndEtc() throws Exception {
    Path root = HandMadeRoot.make(dir.resolve("rootfs"));
    // A stand-in kernel already in place: deploy checks where files are, not what they hold.
    Path modules = Files.createDirectories(root.resolve("usr/lib/modules/6.1.0-1-amd64"));
    Files.writeString(modules.resolve("vmlinuz"), "kernel");
    Files.writeString(modules.resolve("initramfs.img"), "initramfs");
    Path repo = dir.resolve("repo");
    OstreeCommit c = new OstreeCommitter().commit(request(root, repo, "12.1", Optional.empty()));
    assertThat(c.kernel()).contains("6.1.0-1-amd64");

    Path sysroot = dir.resolve("sysroot");
    Files.createDirectories(sysroot);
    Ostree admin = new Ostree(null);
    admin.run("admin", "init-fs", sysroot.toString());
    admin.run("admin", "--sysroot=" + sysroot, "os-init", "debian");
    new Ostree(sysroot.resolve("ostree/repo")).run("pull-local", repo.toString(), REF);
    admin.run(
        "admin", "--sysroot=" + sysroot, "deploy", "--os=debian", "--karg=root=LABEL=root", REF);
    try {
      Path deployment = sysroot.resolve("ostree/deploy/debian/deploy/" + c.checksum() + ".0");
      assertThat(deployment.resolve("etc/hostname")).hasContent("debian");
      assertThat(deployment.resolve("usr/etc/hostname")).hasContent("debian");
      String entry;
      try (Stream<Path> s = Files.list(sysroot.resolve("boot/loader/entries"))) {
        entry = Files.readString(s.findFirst().orElseThrow());
      }
      // The title is os-release's ID and the commit's version metadata.
      assertThat(entry)
          .contains("title debian 12.1")
          .contains("root=LABEL=root")
          .containsPattern("linux /ostree/debian-[0-9a-f]+/vmlinuz-6.1.0-1-amd64")
          .containsPattern("initrd /ostree/debian-[0-9a-f]+/initramfs-6.1.0-1-amd64.img");
    } finally {
      // ostree makes a deployment immutable (chattr +i); undeploy removes it properly.
      admin.run("admin", "--sysroot=" + sysroot, "undeploy", "0");
    }
  }

  @Test
  void aParentNotInTheRepositoryLeavesTheRefAlone() throws Exception {
    Path root = HandMadeRoot.make(dir.resolve("rootfs"));
    Path repo = dir.resolve("repo");
    OstreeCommit first =
        new OstreeCommitter().commit(request(root, repo, "12.1", Optional.empty()));
    String missing = "0".repeat(64);
    assertThatThrownBy(
            () -> new OstreeCommitter().commit(request(root, repo, "12.2", Optional.of(missing))))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED))
        .hasMessageContaining("parent " + missing + " is not a commit in " + repo);
    assertThat(new Ostree(repo).run("rev-parse", REF).strip()).isEqualTo(first.checksum());
  }

  @Test
  void aTreeFailingTheLintIsNotCommitted() throws Exception {
    Path root = HandMadeRoot.make(dir.resolve("rootfs"));
    Files.createDirectories(root.resolve("lib64"));
    Path repo = dir.resolve("repo");
    assertThatThrownBy(
            () -> new OstreeCommitter().commit(request(root, repo, "12.1", Optional.empty())))
        .hasMessageContaining("/lib64: merged-usr");
    Ostree ostree = new Ostree(repo);
    assertThat(ostree.run("refs")).isBlank();
    try (Stream<Path> s = Files.list(repo.resolve("objects"))) {
      assertThat(s.flatMap(Ostree::files)).isEmpty();
    }
    try (Stream<Path> s = Files.list(dir.resolve("work"))) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aFailureAfterTheCommitRemovesTheCommitAndItsDelta() throws Exception {
    Path root = HandMadeRoot.make(dir.resolve("rootfs"));
    Path repo = dir.resolve("repo");
    OstreeCommit first =
        new OstreeCommitter().commit(request(root, repo, "12.1", Optional.empty()));
    Files.writeString(root.resolve("usr/bin/hello"), "hello, world\n");
    // The ref REF/next cannot be made while REF is a ref (a file where a folder must go): commit
    // and delta succeed, the last step fails.
    OstreeRequest next =
        new OstreeRequest(
            root,
            repo,
            REF + "/next",
            "12.2",
            Optional.of(first.checksum()),
            Map.of(),
            dir.resolve("work"),
            dir.resolve("logs/ostree.log"));
    assertThatThrownBy(() -> new OstreeCommitter().commit(next))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.COMPOSE_FAILED))
        .hasMessageContaining("refs: ostree exited");
    assertThat(Files.readString(dir.resolve("logs/ostree.log"))).contains("static-delta generate");
    Ostree ostree = new Ostree(repo);
    assertThat(ostree.run("refs").strip()).isEqualTo(REF);
    assertThat(ostree.run("static-delta", "list")).doesNotContain(first.checksum() + "-");
    try (Stream<Path> s = Files.walk(repo.resolve("objects"))) {
      assertThat(s.filter(p -> p.toString().endsWith(".commit")).count()).isEqualTo(1);
    }
    assertThat(ostree.run("fsck")).doesNotContain("corrupted");
  }

  private OstreeRequest request(Path root, Path repo, String version, Optional<String> parent) {
    return new OstreeRequest(
        root,
        repo,
        REF,
        version,
        parent,
        Map.of("debforge.lock", LOCK),
        dir.resolve("work"),
        dir.resolve("logs/ostree.log"));
  }
}
