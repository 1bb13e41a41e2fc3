package org.debforge.debmock.build.orig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.debforge.debmock.build.orig.GbpRepo.sh;
import static org.debforge.debmock.build.orig.GbpRepo.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.build.orig.OrigTarball.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orig finder over real git repositories, tags and pristine-tar branches. */
class OrigFinderTest {
  @TempDir Path dir;

  private Path into() {
    return dir.resolve("work");
  }

  private static String list(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      // deb-mock's own work directory aside
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("work"))
          .sorted()
          .toList()
          .toString();
    }
  }

  @Test
  void pristineTarGivesBackTheCommittedTarballBitForBit() throws Exception {
    Path repo = GbpRepo.make(dir, "ptpkg", "1.0-1", "upstream/1.0", true);
    String before = list(dir);

    OrigTarball o = OrigFinder.find(repo, "ptpkg", null, into()).orElseThrow();

    assertThat(o.source()).isEqualTo(Source.PRISTINE_TAR);
    assertThat(o.origin()).isEqualTo("pristine-tar");
    assertThat(o.file()).isEqualTo(into().resolve("ptpkg_1.0.orig.tar.gz"));
    assertThat(o.file()).hasSameBinaryContentAs(dir.resolve("releases/ptpkg_1.0.orig.tar.gz"));
    assertThat(o.toJson()).containsEntry("source", "pristine-tar");
    // The user's tree and its parent are only read.
    assertThat(sh(repo, "git", "status", "--porcelain", "--ignored")).isEmpty();
    assertThat(list(dir)).isEqualTo(before);
    assertThat(list(into())).isEqualTo("[ptpkg_1.0.orig.tar.gz]");
  }

  @Test
  void freshCloneHasOnlyOriginPristineTarAndStillGetsIt() throws Exception {
    Path repo = GbpRepo.make(dir, "clpkg", "1.0-1", "upstream/1.0", true);
    Path clone = dir.resolve("clones/clpkg");
    sh(dir, "git", "clone", "-q", repo.toString(), clone.toString());
    assertThat(sh(clone, "git", "branch", "--list", "pristine-tar")).isEmpty();

    OrigTarball o = OrigFinder.find(clone, "clpkg", null, into()).orElseThrow();

    assertThat(o.source()).isEqualTo(Source.PRISTINE_TAR);
    assertThat(o.origin()).isEqualTo("origin/pristine-tar");
    assertThat(o.file()).hasSameBinaryContentAs(dir.resolve("releases/clpkg_1.0.orig.tar.gz"));
    assertThat(sh(clone, "git", "branch", "--list", "pristine-tar")).isEmpty();
  }

  @Test
  void aTarballBesideTheTreeComesBeforeGitAndTarballsDirIsLookedIn() throws Exception {
    Path repo = GbpRepo.make(dir, "bspkg", "1.0-1", "upstream/1.0", true);
    Path mine = dir.resolve("tarballs/bspkg_1.0.orig.tar.xz");
    Files.createDirectories(mine.getParent());
    sh(repo, "sh", "-c", "git archive --prefix=bspkg-1.0/ HEAD~1 | xz > " + mine);
    Files.copy(mine, dir.resolve("tarballs/bspkg_1.0.orig.tar.xz.asc"));

    OrigTarball o = OrigFinder.find(repo, "bspkg", null, into()).orElseThrow();

    assertThat(o.source()).isEqualTo(Source.BESIDE_TREE);
    assertThat(o.origin()).isEqualTo(mine.toString());
    assertThat(o.file()).hasSameBinaryContentAs(mine);
    assertThat(o.companions()).containsExactly(into().resolve("bspkg_1.0.orig.tar.xz.asc"));

    // .. comes before ../tarballs
    Files.copy(dir.resolve("releases/bspkg_1.0.orig.tar.gz"), dir.resolve("bspkg_1.0.orig.tar.gz"));
    Path again = dir.resolve("work2");
    OrigTarball parent = OrigFinder.find(repo, "bspkg", null, again).orElseThrow();
    assertThat(parent.origin()).isEqualTo(dir.resolve("bspkg_1.0.orig.tar.gz").toString());
  }

  @Test
  void componentTarballsAndSignaturesBesideTheTreeComeAlong() throws Exception {
    Path repo = GbpRepo.make(dir, "cmpkg", "1.0-1", null, false);
    Path main = dir.resolve("cmpkg_1.0.orig.tar.gz");
    Path extra = dir.resolve("cmpkg_1.0.orig-docs.tar.xz");
    sh(repo, "sh", "-c", "git archive --prefix=cmpkg-1.0/ HEAD~1 | gzip -n > " + main);
    sh(repo, "sh", "-c", "git archive --prefix=docs/ HEAD~1 | xz > " + extra);
    Files.writeString(dir.resolve("cmpkg_1.0.orig.tar.gz.asc"), "signature\n");
    Files.writeString(dir.resolve("cmpkg_0.9.orig-docs.tar.xz"), "another version\n");

    OrigTarball o = OrigFinder.find(repo, "cmpkg", null, into()).orElseThrow();

    assertThat(o.source()).isEqualTo(Source.BESIDE_TREE);
    assertThat(o.companions())
        .containsExactlyInAnyOrder(
            into().resolve("cmpkg_1.0.orig-docs.tar.xz"),
            into().resolve("cmpkg_1.0.orig.tar.gz.asc"));
    assertThat(into().resolve("cmpkg_1.0.orig-docs.tar.xz")).hasSameBinaryContentAs(extra);
  }

  @Test
  void theOptionComesFirstAndAnUpstreamNameIsCopiedUnderTheDebianOne() throws Exception {
    Path repo = GbpRepo.make(dir, "oppkg", "1.0-1", "upstream/1.0", true);
    Path release = dir.resolve("oppkg-1.0.tar.bz2");
    sh(repo, "sh", "-c", "git archive --prefix=oppkg-1.0/ HEAD~1 | bzip2 > " + release);

    OrigTarball o = OrigFinder.find(repo, "oppkg", release, into()).orElseThrow();

    assertThat(o.source()).isEqualTo(Source.OPTION);
    assertThat(o.file()).isEqualTo(into().resolve("oppkg_1.0.orig.tar.bz2"));
    assertThat(o.file()).hasSameBinaryContentAs(release);
  }

  @Test
  void withoutPristineTarTheUpstreamTagIsArchivedAsGbpDoes() throws Exception {
    Path repo = GbpRepo.make(dir, "tgpkg", "1.0-1", "upstream/1.0", false);

    OrigTarball o = OrigFinder.find(repo, "tgpkg", null, into()).orElseThrow();

    assertThat(o.source()).isEqualTo(Source.UPSTREAM_TAG);
    assertThat(o.origin()).isEqualTo("upstream/1.0");
    assertThat(o.file()).isEqualTo(into().resolve("tgpkg_1.0.orig.tar.gz"));
    assertThat(sh(into(), "tar", "tzf", o.file().toString()).lines())
        .contains("tgpkg-1.0/README", "tgpkg-1.0/src/tgpkg.c")
        .noneMatch(l -> l.contains("debian"));
    // gzip -n: no time stamp, so the same tag always gives the same tarball.
    byte[] head = Files.readAllBytes(o.file());
    assertThat(new byte[] {head[4], head[5], head[6], head[7]}).containsOnly(0);
    OrigTarball again = OrigFinder.find(repo, "tgpkg", null, dir.resolve("work2")).orElseThrow();
    assertThat(again.file()).hasSameBinaryContentAs(o.file());
  }

  @Test
  void gbpConfChoosesTagFormatCompressionAndTurnsPristineTarOff() throws Exception {
    Path repo = GbpRepo.make(dir, "cfpkg", "1.0-1", "v1.0", true);
    write(
        repo.resolve("debian/gbp.conf"),
        "# packaging settings\n[DEFAULT]\npristine-tar = False\nupstream-tag = v%(version)s\n"
            + "[buildpackage]\ncompression = xz\n");

    OrigTarball o = OrigFinder.find(repo, "cfpkg", null, into()).orElseThrow();

    assertThat(o.source()).isEqualTo(Source.UPSTREAM_TAG);
    assertThat(o.origin()).isEqualTo("v1.0");
    assertThat(o.file()).isEqualTo(into().resolve("cfpkg_1.0.orig.tar.xz"));
    assertThat(sh(into(), "xz", "-t", o.file().toString())).isEmpty();
  }

  @Test
  void epochIsDroppedAndTheTagNameIsMangledAsGbpMangles() throws Exception {
    Path repo = GbpRepo.make(dir, "mgpkg", "2:1.0~rc1-1", "upstream/1.0_rc1", false);

    OrigTarball o = OrigFinder.find(repo, "mgpkg", null, into()).orElseThrow();

    assertThat(o.origin()).isEqualTo("upstream/1.0_rc1");
    assertThat(o.file().getFileName()).hasToString("mgpkg_1.0~rc1.orig.tar.gz");
    assertThat(sh(into(), "tar", "tzf", o.file().toString())).contains("mgpkg-1.0~rc1/README");
  }

  @Test
  void nothingFoundIsAConfigErrorListingEveryPlaceTried() throws Exception {
    Path repo = GbpRepo.make(dir, "nfpkg", "1.0-1", null, false);

    assertThatThrownBy(() -> OrigFinder.find(repo, "nfpkg", null, into()))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
              assertThat(e.getMessage())
                  .contains(
                      repo + ": no upstream tarball nfpkg_1.0.orig.tar.{gz,bz2,lzma,xz}",
                      "beside the tree: " + dir + ": no nfpkg_1.0.orig.tar.{gz,bz2,lzma,xz}",
                      "beside the tree: " + dir.resolve("tarballs") + ": no such directory",
                      "pristine-tar: no pristine-tar branch",
                      "upstream tag: upstream/1.0 (upstream-tag 'upstream/%(version)s', gbp's"
                          + " default): no such tag");
              assertThat(e.hint().orElseThrow())
                  .contains("--orig FILE", "gbp export-orig", "pristine-tar commit");
            });
  }

  @Test
  void aPristineTarBranchWithoutThisVersionIsSaidSo() throws Exception {
    Path repo = GbpRepo.make(dir, "ovpkg", "1.0-1", null, true);
    write(
        repo.resolve("debian/changelog"),
        "ovpkg (1.1-1) unstable; urgency=medium\n\n  * T.\n\n"
            + " -- t <t@example.org>  Thu, 01 Feb 2024 12:00:00 +0000\n");

    assertThatThrownBy(() -> OrigFinder.find(repo, "ovpkg", null, into()))
        .hasMessageContaining(
            "pristine-tar: pristine-tar has no ovpkg_1.1.orig.tar.{gz,bz2,lzma,xz}.delta (it has:"
                + " ovpkg_1.0.orig.tar.gz)");
  }

  @Test
  void aTagFormatThatMakesNoValidTagNameIsRefused() throws Exception {
    Path repo = GbpRepo.make(dir, "hopkg", "1.0-1", "upstream/1.0", false);
    write(repo.resolve("debian/gbp.conf"), "[DEFAULT]\nupstream-tag = upstream/../%(version)s\n");

    assertThatThrownBy(() -> OrigFinder.find(repo, "hopkg", null, into()))
        .hasMessageContaining("upstream/../1.0")
        .hasMessageContaining("not a valid git tag name, refused");
  }

  @Test
  void optionThatIsADirectoryALinkToANonTarballOrAnotherVersionIsRefused() throws Exception {
    Path repo = GbpRepo.make(dir, "bopkg", "1.0-1", "upstream/1.0", false);
    assertThatThrownBy(() -> OrigFinder.find(repo, "bopkg", repo, into()))
        .hasMessageContaining("is a directory, not a tarball")
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.INVALID_INPUT);

    Path link = dir.resolve("bopkg_1.0.orig.tar.gz");
    Files.createSymbolicLink(link, Path.of("/etc/passwd"));
    assertThatThrownBy(() -> OrigFinder.find(repo, "bopkg", link, into()))
        .hasMessageContaining("a link to /etc/passwd")
        .hasMessageContaining("not a gzip, xz, bzip2 or lzma file");
    assertThat(into().resolve("bopkg_1.0.orig.tar.gz")).doesNotExist();

    Path other = dir.resolve("bopkg_0.9.orig.tar.gz");
    sh(repo, "sh", "-c", "git archive --prefix=bopkg-0.9/ HEAD~1 | gzip -n > " + other);
    assertThatThrownBy(() -> OrigFinder.find(repo, "bopkg", other, into()))
        .hasMessageContaining("the upstream tarball of another version")
        .hasMessageContaining("upstream version is 1.0");

    assertThatThrownBy(() -> OrigFinder.find(repo, "bopkg", dir.resolve("none.tar.gz"), into()))
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void aBrokenTarballBesideTheTreeIsPassedOverAndSaidSo() throws Exception {
    Path repo = GbpRepo.make(dir, "brpkg", "1.0-1", "upstream/1.0", false);
    Files.writeString(dir.resolve("brpkg_1.0.orig.tar.gz"), "not a tarball\n");

    OrigTarball o = OrigFinder.find(repo, "brpkg", null, into()).orElseThrow();

    assertThat(o.source()).isEqualTo(Source.UPSTREAM_TAG);
  }

  @Test
  void nativeSourcesNeedNoTarballAndRefuseTheOption() throws Exception {
    Path repo = GbpRepo.make(dir, "napkg", "1.0", null, false);
    assertThat(OrigFinder.find(repo, "napkg", null, into())).isEmpty();
    write(repo.resolve("debian/source/format"), "3.0 (native)\n");
    assertThatThrownBy(() -> OrigFinder.find(repo, "napkg", dir.resolve("x.tar.gz"), into()))
        .hasMessageContaining("is a native source (3.0 (native), version 1.0)")
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.CONFIG);
    assertThat(List.of(into())).allMatch(p -> !Files.exists(p));
  }
}
