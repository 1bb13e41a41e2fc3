package org.debforge.ostree.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.compose.ostree.OstreeCommitter;
import org.debforge.compose.ostree.OstreeRequest;
import org.debforge.core.fs.XdgDirs;
import org.debforge.core.mirror.HostMirror;

/**
 * An offline sysroot from a compose: the real bookworm root compose-step's BookwormOstreeTest keeps
 * in the cache, committed by the compose's own ostree phase (kept in the cache too: dracut and the
 * commit take two minutes) with a lock naming the host's mirror, then deployed with {@code ostree
 * admin init-fs}, {@code os-init}, {@code pull-local} and {@code deploy}, as an image build does.
 */
final class BookwormSysroot {
  static final String INCLUDE = "linux-image-amd64,dracut,ostree-boot,systemd,systemd-sysv";
  static final Path CACHE = XdgDirs.fromEnvironment().cacheHome().resolve("debforge/test");
  static final Path ROOT =
      CACHE.resolve("ostree-bookworm-root-" + Integer.toHexString(INCLUDE.hashCode()));
  static final Path REPO =
      CACHE.resolve("apt-ostree-base-" + Integer.toHexString(INCLUDE.hashCode()));
  static final String REF = "debian/12/x86_64/test";

  private BookwormSysroot() {}

  /** The cached base repository, committed on first use. */
  static Path baseRepo(Path work) throws Exception {
    assumeTrue(
        Files.isDirectory(ROOT.resolve("usr")),
        "needs the bookworm root of compose-step's BookwormOstreeTest in " + ROOT);
    if (Files.isRegularFile(REPO.resolve("config"))) {
      return REPO;
    }
    Path tmp = CACHE.resolve(REPO.getFileName() + ".tmp");
    run(List.of("rm", "-rf", tmp.toString()));
    String lock =
        "{\"schema\":1,\"compose_id\":\"Test-12-20261203.0\",\"packages\":[],\"sources\":[{"
            + "\"name\":\"debian\",\"kind\":\"mirror\",\"uri\":\""
            + HostMirror.detect()
            + "\",\"suite\":\"bookworm\",\"components\":[\"main\"]}]}";
    new OstreeCommitter()
        .commit(
            new OstreeRequest(
                ROOT,
                tmp,
                REF,
                "12.20261203.0",
                Optional.empty(),
                Map.of("debforge.lock", lock, "debforge.compose-id", "Test-12-20261203.0"),
                work.resolve("commit-work"),
                work.resolve("commit.log")));
    Files.move(tmp, REPO);
    return REPO;
  }

  /** A fresh sysroot with the base deployed once, as the default. */
  static Path deploy(Path work) throws Exception {
    Path repo = baseRepo(work);
    Path sysroot = work.resolve("sysroot");
    Files.createDirectories(sysroot);
    run(List.of("ostree", "admin", "init-fs", sysroot.toString()));
    run(List.of("ostree", "admin", "--sysroot=" + sysroot, "os-init", "debian"));
    run(
        List.of(
            "ostree",
            "--repo=" + sysroot.resolve("ostree/repo"),
            "pull-local",
            repo.toString(),
            REF));
    run(
        List.of(
            "ostree",
            "admin",
            "--sysroot=" + sysroot,
            "deploy",
            "--os=debian",
            "--karg=root=LABEL=root",
            "--karg=console=ttyS0",
            REF));
    return sysroot;
  }

  static String run(List<String> argv) throws Exception {
    Process p = new ProcessBuilder(new ArrayList<>(argv)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", argv) + ":\n" + out).isZero();
    return out;
  }
}
