package org.debforge.compose.oci;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An OCI image layout's {@code blobs/sha256}: content addressed, so a blob is written under a temp
 * name while its digest is computed, then renamed to that digest.
 */
final class Blobs {
  private final Path dir;

  /** A blob written: its {@code sha256:HEX} digest and size, as a descriptor names them. */
  record Blob(String digest, long size) {
    String hex() {
      return digest.substring("sha256:".length());
    }
  }

  Blobs(Path layout) throws IOException {
    this.dir = Files.createDirectories(layout.resolve("blobs/sha256"));
  }

  /** Writes bytes (a JSON document) as a blob. */
  Blob put(byte[] content) throws IOException {
    return put(out -> out.write(content));
  }

  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Writes whatever {@code w} writes as one blob. */
  Blob put(Writer w) throws IOException {
    Path tmp = Files.createTempFile(dir, ".blob-", ".part");
    try {
      MessageDigest md = sha256();
      long size;
      try (OutputStream file = Files.newOutputStream(tmp);
          CountingOutputStream counted = new CountingOutputStream(file);
          DigestOutputStream out = new DigestOutputStream(counted, md)) {
        w.write(out);
        out.flush();
        size = counted.count;
      }
      String hex = HexFormat.of().formatHex(md.digest());
      Files.move(tmp, dir.resolve(hex), StandardCopyOption.REPLACE_EXISTING);
      return new Blob("sha256:" + hex, size);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts what passes through, so a blob's size is known without stat-ing it again. */
  static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
