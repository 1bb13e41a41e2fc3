package org.debforge.compose.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/** File steps of the OCI engine: temp-then-rename writes, digests, removal that keeps symlinks. */
final class OciFiles {
  private OciFiles() {}

  static void write(Path file, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".", ".part");
    try {
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = Blobs.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Deletes a file or a whole folder; symlinks themselves, never what they point to. */
  static void delete(Path p) throws IOException {
    if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(q);
        }
      }
    } else {
      Files.delete(p);
    }
  }
}
