package org.debforge.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.debforge.core.control.ChecksumField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalformedIndexTest {
  static final String STANZA = "Package: a\nVersion: 1\nArchitecture: all\n\n";

  @TempDir Path dir;

  @Test
  void truncatedXzIsAFormatErrorNamingTheFile() throws Exception {
    byte[] xz = IndexCompression.XZ.compress(STANZA.repeat(100).getBytes(StandardCharsets.UTF_8));
    Path f = Files.write(dir.resolve("Packages.xz"), Arrays.copyOf(xz, xz.length / 2));
    assertThatThrownBy(() -> IndexReader.packages(f))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("Packages.xz")
        .hasMessageContaining("truncated xz");
  }

  @Test
  void badGzipIsAFormatError() throws Exception {
    byte[] gz = IndexCompression.GZIP.compress(STANZA.getBytes(StandardCharsets.UTF_8));
    gz[gz.length / 2] ^= 0x55;
    Path f = Files.write(dir.resolve("Packages.gz"), gz);
    assertThatThrownBy(() -> IndexReader.packages(f)).hasMessageContaining("gzip");
  }

  @Test
  void nameAndContentDisagreeing() throws Exception {
    Path f = Files.writeString(dir.resolve("Sources.xz"), STANZA);
    assertThatThrownBy(() -> IndexReader.sources(f)).hasMessageContaining("is not xz");
  }

  @Test
  void compressionIsDetectedByMagicToo() throws Exception {
    byte[] xz = IndexCompression.XZ.compress(STANZA.getBytes(StandardCharsets.UTF_8));
    Path f = Files.write(dir.resolve("Packages"), xz);
    assertThat(IndexReader.packages(f)).extracting(BinaryPackage::name).containsExactly("a");
  }

  @Test
  void stanzaWithoutVersionNamesTheField() throws Exception {
    Path f = Files.writeString(dir.resolve("Packages"), "Package: a\n\nPackage: b\nVersion: 1\n");
    assertThatThrownBy(() -> IndexReader.packages(f))
        .hasMessageContaining("Packages:1")
        .hasMessageContaining("'Version'");
  }

  @Test
  void releaseWithABadHashLine() {
    String release =
        "Suite: stable\nSHA256:\n"
            + " 6615d64ead98b677467eace0751c48f3f0f5fbf68d4ed48a1e47c4fa65f147af 778 main/source/Sources\n"
            + " nothex 12 main/binary-amd64/Packages\n";
    assertThatThrownBy(() -> Release.parse(release, "Release"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("field 'SHA256'")
        .hasMessageContaining("not a SHA-256 digest");
  }

  @Test
  void releaseWithATraversingPathIsRefused() {
    String release =
        "Suite: stable\nSHA256:\n"
            + " 6615d64ead98b677467eace0751c48f3f0f5fbf68d4ed48a1e47c4fa65f147af 778 ../../etc/passwd\n";
    assertThatThrownBy(() -> Release.parse(release, "Release"))
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.UNSAFE_INPUT);
  }

  @Test
  void releaseWithABadDate() {
    Release r = Release.parse("Suite: s\nDate: yesterday\n", "Release");
    assertThatThrownBy(r::date).hasMessageContaining("RFC 2822");
  }

  @Test
  void realInReleaseReadsWithoutVerification() throws Exception {
    Path f = dir.resolve("InRelease");
    try (var in =
        getClass().getResourceAsStream("/org/debforge/core/pgp/bookworm-updates_InRelease")) {
      Files.write(f, in.readAllBytes());
    }
    Release r = Release.read(f);
    assertThat(r.codename()).contains("bookworm-updates");
    assertThat(r.acquireByHash()).isTrue();
    assertThat(r.components()).contains("main", "contrib");
    assertThat(r.architectures()).contains("amd64", "arm64");
    assertThat(r.date()).isPresent();
    assertThat(r.files(ChecksumField.SHA256)).isNotEmpty();
  }

  @Test
  void sourcesWithAnUnsafeFileNameIsRefused() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("Sources"),
            "Package: a\nVersion: 1\nDirectory: pool/a\nChecksums-Sha256:\n"
                + " 6615d64ead98b677467eace0751c48f3f0f5fbf68d4ed48a1e47c4fa65f147af 1 ../x.dsc\n");
    SourcePackage s = IndexReader.sources(f).get(0);
    assertThatThrownBy(() -> s.files(ChecksumField.SHA256))
        .extracting(e -> ((DebforgeException) e).kind())
        .isEqualTo(ErrorKind.UNSAFE_INPUT);
  }

  @Test
  void poolOutsideTheRootIsRefusedWithAHint() throws Exception {
    Path pool = Files.createDirectories(dir.resolve("elsewhere"));
    assertThatThrownBy(() -> PoolScanner.scan(dir.resolve("repo"), pool))
        .isInstanceOf(DebforgeException.class)
        .extracting(e -> ((DebforgeException) e).hint().orElse(""))
        .asString()
        .contains("under it");
  }
}
