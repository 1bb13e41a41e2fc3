package org.debforge.debmock.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DscValidatorTest {
  @TempDir Path dir;

  static byte[] tarGz(String... names) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GzipCompressorOutputStream(bytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      for (String n : names) {
        byte[] data = "x\n".getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(n);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  Path dsc(String fileName, byte[] content, String listedName, String sha256) throws Exception {
    if (fileName != null) {
      Files.write(dir.resolve(fileName), content);
    }
    String sum =
        sha256 != null
            ? sha256
            : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    Path dsc = dir.resolve("tiny_1.0.dsc");
    Files.writeString(
        dsc,
        "Format: 3.0 (native)\nSource: tiny\nBinary: tiny\nArchitecture: all\nVersion: 1.0\n"
            + "Maintainer: Tests <tests@example.org>\n"
            + "Build-Depends: debhelper-compat (= 13)\n"
            + "Checksums-Sha256:\n "
            + sum
            + " "
            + content.length
            + " "
            + listedName
            + "\nFiles:\n "
            + md5(content, sha256 != null)
            + " "
            + content.length
            + " "
            + listedName
            + "\n");
    return dsc;
  }

  static String md5(byte[] content, boolean wrong) throws Exception {
    return wrong
        ? "0".repeat(32)
        : HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
  }

  @Test
  void validSourceIsAccepted() throws Exception {
    Path dsc = dsc("tiny_1.0.tar.gz", tarGz("tiny-1.0/debian/control"), "tiny_1.0.tar.gz", null);
    SourcePackage s = DscValidator.validate(dsc);
    assertThat(s.name()).isEqualTo("tiny");
    assertThat(s.buildPath()).isEqualTo("/build/tiny-1.0");
    assertThat(s.files()).containsExactly(dir.resolve("tiny_1.0.tar.gz"));
    assertThat(s.signer()).isNull();
    assertThat(s.buildDepends()).containsExactly("debhelper-compat (= 13)");
  }

  @Test
  void wrongChecksumIsRefused() throws Exception {
    Path dsc = dsc("tiny_1.0.tar.gz", tarGz("tiny-1.0/a"), "tiny_1.0.tar.gz", "0".repeat(64));
    assertThatThrownBy(() -> DscValidator.validate(dsc))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED))
        .hasMessageContaining("tiny_1.0.tar.gz")
        .hasMessageContaining("mismatch");
  }

  @Test
  void missingFileIsRefused() throws Exception {
    Path dsc = dsc(null, tarGz("tiny-1.0/a"), "tiny_1.0.tar.gz", null);
    assertThatThrownBy(() -> DscValidator.validate(dsc))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("tiny_1.0.tar.gz")
        .hasMessageContaining("missing");
  }

  @Test
  void pathTraversalFileNameIsRefused() throws Exception {
    Path dsc = dsc(null, tarGz("tiny-1.0/a"), "../../etc/passwd", null);
    assertThatThrownBy(() -> DscValidator.validate(dsc))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT))
        .hasMessageContaining("unsafe file name");
  }

  @Test
  void tarballWithDotDotEntryIsRefused() throws Exception {
    Path dsc =
        dsc("tiny_1.0.tar.gz", tarGz("tiny-1.0/a", "tiny-1.0/../../evil"), "tiny_1.0.tar.gz", null);
    assertThatThrownBy(() -> DscValidator.validate(dsc))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT))
        .hasMessageContaining("unsafe member 'tiny-1.0/../../evil'");
    assertThat(Files.exists(dir.resolve("evil"))).isFalse();
  }
}
