package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.core.mirror.HostMirror;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real bookworm packages of other kinds than hello, built with {@code --rebuild URL} straight from
 * the mirror, each .deb compared by {@code dpkg-deb -c} file list with the one Debian's buildd
 * made: an arch:all debhelper package with two binaries (cowsay), and a C (perl XS) package whose
 * test-only Build-Depends carry {@code <!nocheck>}, built with {@code -P nocheck}. About two
 * minutes each on a loaded machine (debhelper is installed in each build's root).
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class RealPackagesTest {
  static final Path CACHE = Path.of("target/debian-cache/pool");
  @TempDir Path out;

  /** Debian's own binary from the pool, cached under target/ between runs. */
  static Path debianDeb(String poolDir, String name) throws Exception {
    Path f = CACHE.resolve(name);
    if (!Files.exists(f)) {
      Files.createDirectories(CACHE);
      Path part = CACHE.resolve(name + ".part");
      try (var in =
          URI.create(HostMirror.detect() + "/" + poolDir + "/" + name).toURL().openStream()) {
        Files.copy(in, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(part, f);
    }
    return f;
  }

  static String dscUrl(String poolDir, String dsc) {
    return HostMirror.detect() + "/" + poolDir + "/" + dsc;
  }

  @Test
  void cowsayArchAllWithDebhelperMatchesDebiansFileLists() throws Exception {
    String pool = "pool/main/c/cowsay";
    var o = DebMockBuildTest.debMock(out, "--rebuild", dscUrl(pool, "cowsay_3.03+dfsg2-8.dsc"));
    assertThat(o.code()).as(o.err()).isZero();
    for (String deb :
        new String[] {"cowsay_3.03+dfsg2-8_all.deb", "cowsay-off_3.03+dfsg2-8_all.deb"}) {
      assertThat(HelloBuildTest.fileList(out.resolve(deb)))
          .as(deb)
          .isNotEmpty()
          .isEqualTo(HelloBuildTest.fileList(debianDeb(pool, deb)));
    }
    assertThat(o.result().get("source").get("version").asText()).isEqualTo("3.03+dfsg2-8");
  }

  @Test
  void nocheckProfileDropsTestDependenciesAndReachesTheBuild() throws Exception {
    // A perl XS module (C, debhelper) whose test-only Build-Depends carry <!nocheck>.
    String pool = "pool/main/liba/libalgorithm-diff-xs-perl";
    var o =
        DebMockBuildTest.debMock(
            out,
            "-P",
            "nocheck",
            "--rebuild",
            dscUrl(pool, "libalgorithm-diff-xs-perl_0.04-8.dsc"));
    assertThat(o.code()).as(o.err()).isZero();
    // bookworm ships a binNMU of it (+b1), which adds its own changelog.Debian.amd64.gz.
    var debians =
        HelloBuildTest.fileList(debianDeb(pool, "libalgorithm-diff-xs-perl_0.04-8+b1_amd64.deb"))
            .stream()
            .filter(l -> !l.endsWith("/changelog.Debian.amd64.gz"))
            .toList();
    assertThat(HelloBuildTest.fileList(out.resolve("libalgorithm-diff-xs-perl_0.04-8_amd64.deb")))
        .isNotEmpty()
        .isEqualTo(debians);
    // dpkg-genbuildinfo records the profile the build ran with.
    try (var files = Files.list(out)) {
      Path buildinfo =
          files.filter(f -> f.toString().endsWith(".buildinfo")).findFirst().orElseThrow();
      assertThat(buildinfo).content().contains("DEB_BUILD_PROFILES=\"nocheck\"");
    }
    // libalgorithm-diff-perl is Build-Depends <!nocheck>: apt must not have installed it
    // (perl-xs-dev,
    // provided by libperl-dev, is unconditional).
    assertThat(out.resolve("root.log")).content().contains("-P nocheck");
    assertThat(out.resolve("installed_pkgs.log"))
        .content()
        .contains("libperl-dev")
        .doesNotContain("libalgorithm-diff-perl");
  }
}
