package org.debforge.cli.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.debforge.cli.testing.Launcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher against the real dpkg-deb, same TZ and locale for both. */
class DebCommandIT {
  static final Map<String, String> ENV = Map.of("TZ", "Europe/Berlin", "LC_ALL", "C");
  static final Path GOLDEN =
      Launcher.root()
          .resolve("debian-core/src/test/resources/org/debforge/core/deb/hello_1.0_all.deb");

  @TempDir Path tmp;

  static String dpkgDeb(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("dpkg-deb"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
    pb.environment().putAll(ENV);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    return out;
  }

  static Launcher.Run debforge(String... args) {
    return Launcher.run("debforge", null, ENV, null, args);
  }

  static void assertSameAsDpkgDeb(Path deb) throws Exception {
    String f = deb.toString();
    assertThat(debforge("deb", "info", f).stdout()).isEqualTo(dpkgDeb("-I", f));
    assertThat(debforge("deb", "contents", f).stdout()).isEqualTo(dpkgDeb("-c", f));
    assertThat(debforge("deb", "field", f).stdout()).isEqualTo(dpkgDeb("-f", f));
    assertThat(debforge("deb", "field", f, "Package").stdout())
        .isEqualTo(dpkgDeb("-f", f, "Package"));
    assertThat(debforge("deb", "field", f, "Package", "Version").stdout())
        .isEqualTo(dpkgDeb("-f", f, "Package", "Version"));
  }

  @Test
  void ourPackageReadsLikeDpkgDeb() throws Exception {
    assertSameAsDpkgDeb(GOLDEN);
  }

  @Tag("network")
  @Tag("slow")
  @Test
  void buildPackagesReadLikeDpkgDeb() throws Exception {
    Path cache = Path.of("/tmp/debforge-test-cache/buildd-debs");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(cache), "run debian-core's BuilddDebsTest first to fill " + cache);
    try (Stream<Path> s = Files.list(cache)) {
      for (Path deb :
          s.filter(p -> p.getFileName().toString().matches("(bash|coreutils|tar|dpkg)_.*\\.deb"))
              .toList()) {
        assertSameAsDpkgDeb(deb);
      }
    }
  }

  @Test
  void buildThenExtract() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("tree/usr/share/doc/x"));
    Files.writeString(tree.resolve("copyright"), "PD\n");
    Path control =
        Files.writeString(
            tmp.resolve("control"),
            "Package: x\nVersion: 1\nArchitecture: all\nMaintainer: a <a@b.c>\nDescription: x\n");
    Path deb = tmp.resolve("x.deb");
    Launcher.Run b =
        debforge(
            "deb",
            "build",
            "-Z",
            "gzip",
            "--mtime",
            "86400",
            control.toString(),
            tmp.resolve("tree").toString(),
            deb.toString());
    assertThat(b.exitCode()).as(b.stderr()).isZero();
    assertThat(dpkgDeb("-f", deb.toString(), "Package")).isEqualTo("x\n");
    assertThat(dpkgDeb("-c", deb.toString()))
        .contains("1970-01-02 01:00 ./usr/share/doc/x/copyright");

    Launcher.Run x = debforge("deb", "extract", deb.toString(), tmp.resolve("out").toString());
    assertThat(x.exitCode()).as(x.stderr()).isZero();
    assertThat(Files.readString(tmp.resolve("out/usr/share/doc/x/copyright"))).isEqualTo("PD\n");

    Launcher.Run json = debforge("deb", "info", "--json", deb.toString());
    assertThat(json.stdout())
        .contains("\"Package\" : \"x\"")
        .contains("\"dataMember\" : \"data.tar.gz\"");
  }

  @Test
  void hostileInputExitsWithClearError() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.deb"), "not a package");
    Launcher.Run r = debforge("deb", "info", bad.toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).contains("bad.deb: error: not a valid ar archive").contains("hint:");
    assertThat(r.stdout()).isEmpty();
  }
}
