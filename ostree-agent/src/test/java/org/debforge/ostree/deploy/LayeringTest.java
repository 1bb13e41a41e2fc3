package org.debforge.ostree.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.debforge.core.fs.XdgDirs;
import org.debforge.ostree.status.Status;
import org.debforge.ostree.sysroot.Deployment;
import org.debforge.ostree.sysroot.Sysroot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The must-show list of issue 17 on an offline sysroot from a compose, with the real ostree, dpkg
 * and bwrap: layering hello, less and uuid-runtime, then kernel arguments, uninstall, rollback and
 * cleanup, each read back from the sysroot's files and the repository.
 */
@Tag("network")
@Tag("slow")
@Tag("root")
class LayeringTest {
  @TempDir Path dir;

  /** ostree makes each deployment's root immutable (chattr +i); the temp folder must go. */
  @AfterEach
  void mutable() throws Exception {
    Path log = dir.resolve("apt-ostree.log");
    if (Files.exists(log)) {
      // Kept for reading each step's time after a run.
      Files.copy(
          log,
          Path.of("target/apt-ostree-layering.log").toAbsolutePath(),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path deploy = dir.resolve("sysroot/ostree/deploy");
    if (!Files.isDirectory(deploy)) {
      return;
    }
    try (var s = Files.walk(deploy, 3)) {
      for (Path p : s.filter(p -> p.getNameCount() == deploy.getNameCount() + 3).toList()) {
        new ProcessBuilder("chattr", "-i", p.toString()).inheritIO().start().waitFor();
      }
    }
  }

  @Test
  void layerKargsUninstallRollbackCleanup() throws Exception {
    Path sysroot = BookwormSysroot.deploy(dir);
    AptOstree apt =
        new AptOstree(
            new AptOstree.Settings(
                sysroot,
                XdgDirs.fromEnvironment().cacheHome().resolve("debforge/test/apt-ostree-cache"),
                Path.of("/usr/share/keyrings/debian-archive-keyring.gpg"),
                List.of(),
                false,
                dir.resolve("apt-ostree.log")));
    String base = apt.sysroot().merge().checksum();
    String repo = "--repo=" + sysroot.resolve("ostree/repo");

    // install: a new commit whose parent is the base, deployed as the new default.
    AptOstree.Outcome o =
        apt.install(List.of("hello", "less", "uuid-runtime"), false, false, false);
    assertThat(o.changed()).as(log()).isTrue();
    Sysroot s = apt.sysroot();
    assertThat(s.deployments()).hasSize(2);
    Deployment layered = s.deployments().get(0);
    assertThat(s.deployments().get(1).checksum()).isEqualTo(base);
    assertThat(BookwormSysroot.run(List.of("ostree", repo, "show", layered.checksum())))
        .contains("Parent:  " + base);
    assertThat(layered.origin().requested()).containsExactly("hello", "less", "uuid-runtime");
    assertThat(Files.readString(layered.originFile()))
        .contains("baserefspec=" + BookwormSysroot.REF);

    // ostree diff: only the packages' files, the dpkg database and the generated files.
    Set<String> listed = new TreeSet<>();
    String status = cat(repo, layered.checksum(), "/usr/lib/sysimage/dpkg/status");
    for (String pkg : installedNew(cat(repo, base, "/usr/lib/sysimage/dpkg/status"), status)) {
      for (String f :
          tryCat(repo, layered.checksum(), "/usr/lib/sysimage/dpkg/info/" + pkg + ".list")
              .lines()
              .toList()) {
        // dpkg lists /lib/... where merged-/usr puts /usr/lib/...
        listed.add(f.matches("/(bin|sbin|lib|lib32|lib64|libx32)(/.*)?") ? "/usr" + f : f);
      }
    }
    String diff = BookwormSysroot.run(List.of("ostree", repo, "diff", base, layered.checksum()));
    List<String> stray = new ArrayList<>();
    for (String line : diff.lines().toList()) {
      String path = line.substring(1).strip();
      boolean ours =
          path.startsWith("/usr/lib/sysimage/dpkg")
              || path.startsWith("/usr/etc/")
              || path.startsWith("/usr/share/factory/var/")
              || path.equals("/usr/lib/tmpfiles.d/debforge-layer-var.conf")
              || path.equals("/usr/lib/sysusers.d/debforge-layer.conf")
              || path.startsWith("/usr/share/info/dir");
      if (line.startsWith("D") || !ours && !listed.contains(path)) {
        stray.add(line);
      }
    }
    assertThat(stray).as(diff).isEmpty();
    assertThat(diff).contains("/usr/bin/hello", "/usr/bin/less", "/usr/sbin/uuidd");
    for (String p : List.of("hello", "less", "uuid-runtime")) {
      assertThat(status).contains("Package: " + p + "\nStatus: install ok installed");
    }
    assertThat(cat(repo, layered.checksum(), "/usr/etc/passwd")).contains("\nuuidd:");
    assertThat(cat(repo, layered.checksum(), "/usr/lib/sysusers.d/debforge-layer.conf"))
        .contains("u uuidd ");
    assertThat(BookwormSysroot.run(List.of("ostree", repo, "fsck"))).doesNotContain("corrupt");

    // Two boot entries, the layer's the default; status names the layer as rpm-ostree does.
    assertThat(entries(sysroot)).hasSize(2);
    JsonNode json =
        new ObjectMapper()
            .valueToTree(Status.json(Status.gather(apt.sysroot(), apt.ostree(), false)));
    JsonNode d0 = json.path("deployments").get(0);
    assertThat(d0.path("checksum").asText()).isEqualTo(layered.checksum());
    assertThat(d0.path("base-checksum").asText()).isEqualTo(base);
    assertThat(d0.path("requested-packages").toString())
        .isEqualTo("[\"hello\",\"less\",\"uuid-runtime\"]");
    assertThat(d0.path("packages").toString()).isEqualTo("[\"hello\",\"less\",\"uuid-runtime\"]");
    assertThat(json.path("deployments").get(1).has("base-checksum")).isFalse();

    // kargs: a new deployment with the argument; the previous one's entry is unchanged.
    assertThat(
            apt.kargs(new Kargs(List.of("quiet"), List.of(), List.of(), List.of(), List.of()))
                .changed())
        .isTrue();
    s = apt.sysroot();
    assertThat(s.deployments().get(0).entry().userOptions()).contains("quiet", "console=ttyS0");
    assertThat(s.deployments().get(0).checksum()).isEqualTo(layered.checksum());
    assertThat(s.deployments().get(1).entry().userOptions()).doesNotContain("quiet");

    // uninstall less: a new layer without it, in the tree and the dpkg status.
    assertThat(apt.uninstall(List.of("less"), false).changed()).isTrue();
    s = apt.sysroot();
    String noLess = s.deployments().get(0).checksum();
    assertThat(s.deployments().get(0).origin().requested())
        .containsExactly("hello", "uuid-runtime");
    assertThat(s.deployments().get(0).entry().userOptions()).contains("quiet");
    assertThat(BookwormSysroot.run(List.of("ostree", repo, "ls", noLess, "/usr/bin")))
        .contains("/usr/bin/hello")
        .doesNotContain("/usr/bin/less\n");
    assertThat(cat(repo, noLess, "/usr/lib/sysimage/dpkg/status"))
        .doesNotContain("Package: less\n")
        .contains("Package: hello\n");

    // rollback: the previous deployment's commit first again, the one rolled back from kept.
    assertThat(apt.rollback().changed()).isTrue();
    s = apt.sysroot();
    assertThat(s.deployments().get(0).checksum()).isEqualTo(layered.checksum());
    assertThat(s.deployments().get(0).origin().requested()).contains("less");
    assertThat(s.deployments().get(1).checksum()).isEqualTo(noLess);

    // cleanup -r: only the default is left.
    apt.cleanup(false, true, false, false);
    assertThat(apt.sysroot().deployments()).hasSize(1);
    assertThat(entries(sysroot)).hasSize(1);
    assertThat(BookwormSysroot.run(List.of("ostree", repo, "fsck"))).doesNotContain("corrupt");
  }

  private String log() throws Exception {
    Path l = dir.resolve("apt-ostree.log");
    return Files.exists(l) ? Files.readString(l) : "";
  }

  private static String cat(String repo, String commit, String path) throws Exception {
    return BookwormSysroot.run(List.of("ostree", repo, "cat", commit, path));
  }

  /** A file of a commit, or "" when it has none (a package's .list is NAME or NAME:ARCH). */
  private static String tryCat(String repo, String commit, String path) throws Exception {
    Process p = new ProcessBuilder("ostree", repo, "cat", commit, path).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    return p.waitFor() == 0 ? out : "";
  }

  private static List<String> entries(Path sysroot) throws Exception {
    try (var s = Files.list(sysroot.resolve("boot/loader/entries"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Packages installed in {@code after} and not in {@code before}: the layer's. */
  private static List<String> installedNew(String before, String after) {
    List<String> out = new ArrayList<>();
    Set<String> old = new TreeSet<>(packages(before));
    for (String p : packages(after)) {
      if (!old.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<String> packages(String status) {
    List<String> out = new ArrayList<>();
    String name = null;
    for (String line : status.split("\n")) {
      if (line.startsWith("Package: ")) {
        name = line.substring(9).strip();
      } else if (line.startsWith("Architecture: ") && name != null) {
        String arch = line.substring(14).strip();
        out.add(name);
        out.add(name + ":" + arch);
      }
    }
    return out;
  }
}
