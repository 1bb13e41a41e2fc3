package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.cli.debmock.DebMockBuildTest.Outcome;
import org.debforge.debmock.RunOptions;
import org.debforge.debmock.chroot.BaseRootCache;
import org.debforge.debmock.plugins.apparmor.AppArmor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build environment plugins in real builds of tiny packages: binds and mounts seen by the build
 * itself, procenv written by the build's shell, chroot_scan, compress_logs read back with zstd,
 * apt_request, ccache hits on the second build, overlayfs snapshots and rollback of a session root.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class BuildEnvironmentPluginsTest {
  @TempDir Path dir;

  private static String unzstd(Path f) throws Exception {
    Process p = new ProcessBuilder("zstd", "-dc", f.toString()).start();
    String text = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    return text;
  }

  @Test
  void bindsMountsProcenvScanCompressAndAptRequestInOneBuild() throws Exception {
    Path host = Files.createDirectories(dir.resolve("hostin"));
    Files.writeString(host.resolve("input.txt"), "from the host\n");
    Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        host.resolve("input.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    // The build reads the read-only bind, cannot write to it, sees the tmpfs, leaves a log behind.
    String build =
        "cat /srv/dmin/input.txt >/dev/null && ! touch /srv/dmin/w 2>/dev/null"
            + " && grep -q ' /scratch tmpfs ' /proc/mounts && echo scanme > debian/scan-me.log";
    Path dsc = TinySource.make(dir, "dmenv", build, "bc");
    // What a deb-mock killed with SIGKILL leaves: its build root on a tmpfs, a half-made deps
    // layer.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long deadPid = gone.pid();
    Path staleRoot = RunOptions.defaultBuildsDir().resolve("bookworm-amd64-" + deadPid + "-abc123");
    Files.createDirectories(staleRoot);
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "deb-mock", staleRoot.toString()).start();
    assertThat(mount.waitFor()).isZero();
    Files.writeString(staleRoot.resolve(".deb-mock-tmpfs"), "");
    Files.writeString(staleRoot.resolve("lower"), dir.resolve("nowhere").toString());
    Files.writeString(staleRoot.resolve("deb-mock.pid"), deadPid + "\n");
    // A kept root (--no-cleanup-after) has no claim: it is the user's, never swept.
    Path keptRoot = RunOptions.defaultBuildsDir().resolve("bookworm-amd64-dmkept");
    Files.createDirectories(keptRoot);
    Files.writeString(keptRoot.resolve("lower"), dir.resolve("nowhere").toString());
    Path staleLayer =
        BaseRootCache.defaultDir()
            .resolve("deps-cache/bookworm-amd64/.new-" + deadPid + "-1/layer");
    Files.createDirectories(staleLayer);
    Outcome o =
        DebMockBuildTest.debMock(
            dir.resolve("out"),
            "--enable-plugin=debian_source",
            "--enable-plugin=bind_mount",
            "--enable-plugin=mount",
            "--enable-plugin=procenv",
            "--enable-plugin=chroot_scan",
            "--enable-plugin=compress_logs",
            "--disable-plugin=deps_cache",
            "--plugin-option",
            "bind_mount:dirs=" + host + ":/srv/dmin:ro",
            "--plugin-option",
            "mount:mounts=tmpfs:tmpfs:/scratch:size=16M;mode=1777",
            "--plugin-option",
            "chroot_scan:only_failed=false",
            "--plugin-option",
            "chroot_scan:regexes=scan-me\\.log$",
            "--plugin-option",
            "compress_logs:method=zstd",
            "--rebuild",
            dsc.toString());
    Path out = o.resultDir();
    assertThat(staleRoot).doesNotExist();
    assertThat(keptRoot).exists();
    org.debforge.debmock.chroot.Trees.deleteRecursively(keptRoot);
    assertThat(staleLayer.getParent()).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
        .doesNotContain(staleRoot.toString());
    assertThat(unzstd(out.resolve("debian_source.log.zst")))
        .contains("format: 3.0 (native)")
        .contains("unpack: ok");
    assertThat(o.code())
        .as(
            o.err()
                + (Files.exists(out.resolve("build.log.zst"))
                    ? unzstd(out.resolve("build.log.zst"))
                    : ""))
        .isZero();
    assertThat(out.resolve("build.log")).doesNotExist();
    assertThat(unzstd(out.resolve("build.log.zst"))).contains("dpkg-buildpackage");
    String procenv = unzstd(out.resolve("procenv.log.zst"));
    assertThat(procenv)
        .contains("== uname")
        .contains("uid=1000(debmock)")
        .contains("SOURCE_DATE_EPOCH=1706788800")
        .contains("/build/dmenv-1.0")
        .contains(" /scratch tmpfs ")
        .contains(" /srv/dmin ")
        .contains("== namespaces");
    String apt = unzstd(out.resolve("apt_request.log.zst"));
    assertThat(apt)
        .contains("build-dep exit=0 requested: bc")
        .containsPattern("  install bc \\S+ amd64");
    try (Stream<Path> s = Files.walk(out.resolve("chroot_scan"))) {
      assertThat(s.map(p -> out.relativize(p).toString()))
          .contains("chroot_scan/build/dmenv-1.0/debian/scan-me.log");
    }
    JsonNode r = o.result();
    List<String> logs = new java.util.ArrayList<>();
    r.get("logs").forEach(n -> logs.add(n.asText()));
    assertThat(logs).contains("build.log.zst", "root.log.zst", "procenv.log.zst");
    assertThat(logs).noneMatch(n -> n.endsWith(".log"));
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("/scratch");
  }

  @Test
  void aRootStepCannotChangeTheHostsDeviceNodes() throws Exception {
    Path hostNull = Path.of("/dev/null");
    Object before = Files.getAttribute(hostNull, "unix:mode");
    Outcome o =
        DebMockBuildTest.debMock(
            dir.resolve("out"),
            "--uniqueext",
            "dmdevnodes",
            "--chroot",
            // Succeeds only where the change took effect: on the root's own node.
            "chmod 600 /dev/null && chown 65534 /dev/null"
                + " && test \"$(stat -c '%a %u' /dev/null)\" = '600 65534'");
    DebMockBuildTest.debMock(dir.resolve("out"), "--uniqueext", "dmdevnodes", "--clean");
    try {
      assertThat(o.code()).as(o.err()).isZero();
      assertThat(Files.getAttribute(hostNull, "unix:mode")).isEqualTo(before);
      assertThat(Files.getAttribute(hostNull, "unix:uid")).isEqualTo(0);
    } finally {
      // Should the root's node ever be the host's again, give the machine its /dev/null back.
      Files.setPosixFilePermissions(
          hostNull, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
      Files.setAttribute(hostNull, "unix:uid", 0);
    }
  }

  @Test
  void aMountTargetThroughASymlinkOfTheRootIsAConfigError() throws Exception {
    Outcome o =
        DebMockBuildTest.debMock(
            dir.resolve("out"),
            "--uniqueext",
            "dmsymlink",
            "--enable-plugin=bind_mount",
            "--plugin-option",
            "bind_mount:dirs=/tmp:/lib/evil",
            "--chroot",
            "true");
    DebMockBuildTest.debMock(dir.resolve("out"), "--uniqueext", "dmsymlink", "--clean");
    assertThat(o.code()).isEqualTo(50);
    assertThat(o.err()).contains("plugin_conf.bind_mount.dirs[0]").contains("/lib, a symlink");
  }

  @Test
  void apparmorSaysWhyItCannotConfineOrConfines() throws Exception {
    String why = AppArmor.host().unavailableReason();
    Outcome o =
        DebMockBuildTest.debMock(
            dir.resolve("out"),
            "--uniqueext",
            "dmapparmor",
            "--enable-plugin=apparmor",
            "--chroot",
            "true");
    DebMockBuildTest.debMock(dir.resolve("out"), "--uniqueext", "dmapparmor", "--clean");
    if (why == null) {
      assertThat(o.code()).as(o.err()).isZero();
    } else {
      // This machine's path: no AppArmor in the kernel, so the plugin fails before anything runs.
      assertThat(o.code()).isEqualTo(40);
      assertThat(o.err()).contains("apparmor: cannot confine the build: " + why);
    }
  }

  @Test
  void ccacheHitsOnTheSecondBuild() throws Exception {
    Path cache = dir.resolve("ccache");
    String build = "printf 'int main(void){return 0;}\\n' > x.c && cc -c x.c -o x.o";
    for (String n : List.of("a", "b")) {
      Path src = Files.createDirectories(dir.resolve("src-" + n));
      Path dsc = TinySource.make(src, "dmccache", build, null);
      Outcome o =
          DebMockBuildTest.debMock(
              dir.resolve("out-" + n),
              "--enable-plugin=ccache",
              "--plugin-option",
              "ccache:dir=" + cache,
              "--rebuild",
              dsc.toString());
      assertThat(o.code()).as(o.err()).isZero();
    }
    assertThat(cache.resolve("ccache.conf")).content().contains("max_size = 4096Mi");
    ProcessBuilder pb = new ProcessBuilder("ccache", "--print-stats").redirectErrorStream(true);
    pb.environment().put("CCACHE_DIR", cache.toString());
    Process stats = pb.start();
    String text = new String(stats.getInputStream().readAllBytes());
    assertThat(stats.waitFor()).as(text).isZero();
    long hits = 0;
    for (String line : text.lines().toList()) {
      String[] kv = line.split("\t");
      if (kv[0].equals("direct_cache_hit") || kv[0].equals("preprocessed_cache_hit")) {
        hits += Long.parseLong(kv[1].strip());
      }
    }
    assertThat(hits).as(text).isPositive();
  }

  @Test
  void snapshotRemoveRollbackAndThePackageIsBack() throws Exception {
    Path out = dir.resolve("out");
    String[] ext = {"--uniqueext", "dmsnap"};
    try {
      assertThat(run(out, ext, "--install", "bc").code()).isZero();
      assertThat(run(out, ext, "--snapshot", "with-bc").code()).isZero();
      assertThat(run(out, ext, "--chroot", "dpkg -r bc").code()).isZero();
      assertThat(run(out, ext, "--chroot", "test ! -e /usr/bin/bc").code()).isZero();
      assertThat(run(out, ext, "--rollback-to", "with-bc").code()).isZero();
      assertThat(run(out, ext, "--chroot", "test -x /usr/bin/bc").code()).isZero();
      Outcome list = run(out, ext, "--list-snapshots");
      assertThat(list.out()).contains("* with-bc");
      Outcome remove = run(out, ext, "--remove-snapshot", "with-bc");
      assertThat(remove.err()).contains("stands on snapshot with-bc");
      assertThat(run(out, ext, "--snapshot", "second").code()).isZero();
      assertThat(run(out, ext, "--list-snapshots").out()).contains("* second (parent with-bc)");
      assertThat(run(out, ext, "--rollback-to", "with-bc").code()).isZero();
      assertThat(run(out, ext, "--remove-snapshot", "second").code()).isZero();
      assertThat(run(out, ext, "--list-snapshots").out()).doesNotContain("second");
    } finally {
      run(out, ext, "--clean");
    }
  }

  private static Outcome run(Path out, String[] ext, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(ext));
    all.addAll(List.of(args));
    return DebMockBuildTest.debMock(out, all.toArray(String[]::new));
  }
}
