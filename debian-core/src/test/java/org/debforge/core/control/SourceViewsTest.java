package org.debforge.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dsc, Changes and BuildInfo on real files from dpkg-buildpackage and the archive. */
class SourceViewsTest {
  @TempDir Path tmp;

  @Test
  void readsASignedDscFromTheArchive() {
    Dsc dsc = Dsc.read(Fixtures.path("hello/hello_2.10-3.dsc"));
    assertThat(dsc.format()).isEqualTo("3.0 (quilt)");
    assertThat(dsc.source()).isEqualTo("hello");
    assertThat(dsc.version()).isEqualTo("2.10-3");
    assertThat(dsc.binary()).containsExactly("hello");
    assertThat(dsc.buildDepends()).contains("debhelper-compat (= 13), help2man, texinfo");
    assertThat(dsc.packageList())
        .containsExactly(
            new Dsc.PackageListEntry("hello", "deb", "devel", "optional", Map.of("arch", "any")));
    assertThat(dsc.files())
        .extracting(ListedFile::name)
        .containsExactly(
            "hello_2.10.orig.tar.gz", "hello_2.10.orig.tar.gz.asc", "hello_2.10-3.debian.tar.xz");
    assertThat(dsc.files().get(2).digest(ChecksumField.SHA256))
        .isEqualTo("60ee7a466808301fbaa7fea2490b5e7a6d86f598956fb3e79c71b3295dc1f249");
    assertThat(dsc.files().get(2).size()).isEqualTo(12684);
  }

  @Test
  void verifiesTheFilesOfARealBuild() {
    Path dir = Fixtures.path("tiny");
    Dsc.read(dir.resolve("debforge-tiny_1.0.dsc")).verifyFiles(dir);
    Changes changes = Changes.read(dir.resolve("debforge-tiny_1.0_amd64.changes"));
    changes.verifyFiles(dir);
    BuildInfo.read(dir.resolve("debforge-tiny_1.0_amd64.buildinfo")).verifyFiles(dir);
    assertThat(changes.files()).hasSize(4);
    assertThat(changes.files().get(0).section()).isEqualTo("misc");
    assertThat(changes.files().get(0).priority()).isEqualTo("optional");
    assertThat(changes.architecture()).containsExactly("source", "all");
    assertThat(changes.timestamp()).isEqualTo(1716201296L);
    assertThat(changes.changes()).startsWith("\n debforge-tiny (1.0) unstable; urgency=medium");
  }

  @Test
  void buildInfoParsesInstalledPackagesAndEnvironment() {
    BuildInfo b = BuildInfo.read(Fixtures.path("tiny/debforge-tiny_1.0_amd64.buildinfo"));
    assertThat(b.source()).isEqualTo("debforge-tiny");
    assertThat(b.buildArchitecture()).contains("amd64");
    assertThat(b.installedBuildDepends())
        .contains(new BuildInfo.InstalledPackage("dpkg-dev", null, "1.21.23"))
        .contains(new BuildInfo.InstalledPackage("bsdutils", null, "1:2.38.1-5+deb12u3"));
    assertThat(b.environment()).containsEntry("SOURCE_DATE_EPOCH", "1716201296");
    assertThat(b.buildTaintedBy()).contains("merged-usr-via-aliased-dirs");
    String withQuote =
        Fixtures.text("tiny/debforge-tiny_1.0_amd64.buildinfo")
            .replace(" LANG=\"C.UTF-8\"", " X=\"say \\\"hi\\\"\"");
    assertThat(BuildInfo.parse(withQuote, "t").environment()).containsEntry("X", "say \"hi\"");
  }

  private static Path copyTiny(Path to) throws Exception {
    for (String f :
        List.of(
            "debforge-tiny_1.0.dsc",
            "debforge-tiny_1.0.tar.xz",
            "debforge-tiny_1.0_all.deb",
            "debforge-tiny_1.0_amd64.buildinfo",
            "debforge-tiny_1.0_amd64.changes")) {
      Files.copy(Fixtures.path("tiny/" + f), to.resolve(f));
    }
    return to;
  }

  @Test
  void wrongSizeWrongDigestAndMissingFilesAreReported() throws Exception {
    Path dir = copyTiny(tmp);
    Dsc dsc = Dsc.read(dir.resolve("debforge-tiny_1.0.dsc"));
    Path tar = dir.resolve("debforge-tiny_1.0.tar.xz");
    byte[] bytes = Files.readAllBytes(tar);
    bytes[100] ^= 1;
    Files.write(tar, bytes);
    assertThatThrownBy(() -> dsc.verifyFiles(dir))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED);
              assertThat(e.getMessage())
                  .contains("debforge-tiny_1.0.tar.xz")
                  .contains("expected 1e2e0b00b0d1d47619353dbc51ee257c");
            });
    Files.write(tar, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> dsc.verifyFiles(dir))
        .hasMessageContaining("size mismatch: expected 816, got 3");
    Files.delete(tar);
    assertThatThrownBy(() -> dsc.verifyFiles(dir))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
              assertThat(e.getMessage()).contains("debforge-tiny_1.0.tar.xz");
            });
  }

  private static String tinyDsc() {
    return Fixtures.text("tiny/debforge-tiny_1.0.dsc");
  }

  private static FormatException dscFailure(String text) {
    try {
      Dsc.parse(text, "x.dsc");
    } catch (FormatException e) {
      return e;
    }
    throw new AssertionError("accepted:\n" + text);
  }

  @Test
  void hostileDscsAreRefusedWithTheirLine() {
    String md5 = "1e2e0b00b0d1d47619353dbc51ee257c";
    String traversal =
        tinyDsc().replace(md5 + " 816 debforge-tiny_1.0.tar.xz", md5 + " 816 ../../etc/passwd");
    FormatException e = dscFailure(traversal);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT);
    assertThat(e.field()).contains("Files");
    assertThat(e.line()).isEqualTo(16);

    String dup = tinyDsc() + "";
    dup =
        dup.replace(
            "Files:\n " + md5 + " 816 debforge-tiny_1.0.tar.xz",
            "Files:\n "
                + md5
                + " 816 debforge-tiny_1.0.tar.xz\n "
                + md5
                + " 816 debforge-tiny_1.0.tar.xz");
    assertThat(dscFailure(dup).detail()).contains("listed twice");

    String sizes = tinyDsc().replace(md5 + " 816", md5 + " 817");
    e = dscFailure(sizes);
    assertThat(e.field()).contains("Checksums-Sha1");
    assertThat(e.detail())
        .contains("size of 'debforge-tiny_1.0.tar.xz' is 816 but 'Files' says 817");

    String noSha256 = tinyDsc().replaceAll("Checksums-Sha256:\n [^\n]*\n", "");
    assertThat(dscFailure(noSha256).field()).contains("Checksums-Sha256");
    // ...but format 1.0 predates Checksums-*.
    Dsc old = Dsc.parse(noSha256.replace("3.0 (native)", "1.0"), "x.dsc");
    assertThat(old.files().get(0).digest(ChecksumField.SHA256)).isNull();

    assertThat(dscFailure(tinyDsc().replace("3.0 (native)", "4.0")).line()).isEqualTo(1);
    assertThat(dscFailure(tinyDsc().replace("Source: debforge-tiny", "Source: Bad_Name")).line())
        .isEqualTo(2);
    assertThat(dscFailure(tinyDsc().replace("Version: 1.0\n", "")).detail())
        .isEqualTo("missing required field");
    e = dscFailure(tinyDsc().replace("816 debforge", "-5 debforge"));
    assertThat(e.detail()).contains("is not a file size");
    assertThat(e.line()).isEqualTo(16); // Files is read first
  }

  @Test
  void changesRefusesMissingSectionAndBadCloses() {
    String text = Fixtures.text("tiny/debforge-tiny_1.0_amd64.changes");
    assertThatThrownBy(
            () ->
                Changes.parse(
                    text.replace(" misc optional debforge-tiny_1.0.dsc", " debforge-tiny_1.0.dsc"),
                    "x.changes"))
        .hasMessageContaining("no section and priority");
    String closes = text.replace("Changes:\n", "Closes: 123 abc\nChanges:\n");
    assertThatThrownBy(() -> Changes.parse(closes, "x.changes"))
        .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.line()).isEqualTo(13));
    assertThatThrownBy(() -> Changes.parse(text.replace("+0200", "+02:00 bogus"), "x.changes"))
        .hasMessageContaining("bad date");
  }

  @Test
  void sourceWithVersionInBinNmuChanges() {
    String text =
        Fixtures.text("tiny/debforge-tiny_1.0_amd64.changes")
            .replace("Source: debforge-tiny", "Source: debforge-tiny (1.0)")
            .replace("Version: 1.0", "Version: 1.0+b1");
    Changes c = Changes.parse(text, "x.changes");
    assertThat(c.source()).isEqualTo("debforge-tiny");
    assertThat(c.sourceVersion()).contains("1.0");
    assertThat(c.version()).isEqualTo("1.0+b1");
  }
}
