package org.debforge.core.deb;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.XZInputStream;

/**
 * The compressions dpkg knows for the members of a .deb, by member-name extension. dpkg reads all
 * of them in data.tar but only none, gzip, xz and zstd in control.tar; it writes none, gzip, xz and
 * zstd.
 */
public enum Compression {
  NONE(""),
  GZIP(".gz"),
  XZ(".xz"),
  ZSTD(".zst"),
  BZIP2(".bz2"),
  LZMA(".lzma");

  private final String extension;

  Compression(String extension) {
    this.extension = extension;
  }

  /** The suffix after {@code .tar} in the member name: "", ".gz", ".xz", ... */
  public String extension() {
    return extension;
  }

  /** Whether dpkg accepts this compression for control.tar (it does not for bzip2 and lzma). */
  public boolean allowedForControl() {
    return this == NONE || this == GZIP || this == XZ || this == ZSTD;
  }

  /** Whether {@link #compress} can write it (dpkg-deb -Z offers the same four). */
  public boolean writable() {
    return allowedForControl();
  }

  /** The compression named by the extension after {@code prefix} in {@code member}. */
  public static Optional<Compression> ofMember(String member, String prefix) {
    if (!member.startsWith(prefix)) {
      return Optional.empty();
    }
    String ext = member.substring(prefix.length());
    for (Compression c : values()) {
      if (c.extension.equals(ext)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public InputStream decompress(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> new GzipCompressorInputStream(in, true);
      // Reuses the decoder's dictionary buffer (up to the 8 MiB a .deb's header may ask for,
      // zeroed on each allocation) across members: reading the control of 1,200 .debs spent most
      // of its time allocating them.
      case XZ -> new XZInputStream(in, -1, true, BasicArrayCache.getInstance());
      case ZSTD -> new ZstdCompressorInputStream(in);
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
      case LZMA -> new LZMACompressorInputStream(in);
    };
  }

  /**
   * A compressing stream over {@code out}; closing it finishes the compressed stream but leaves
   * {@code out} open. Output depends only on the input bytes (gzip carries no name or time).
   */
  public OutputStream compress(OutputStream out) throws IOException {
    OutputStream shielded = new KeepOpen(out);
    return switch (this) {
      case NONE -> shielded;
      case GZIP -> {
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(9);
        p.setModificationTime(0);
        yield new GzipCompressorOutputStream(shielded, p);
      }
      case XZ -> new XZCompressorOutputStream(shielded, 6);
      case ZSTD -> new ZstdCompressorOutputStream(shielded, 19);
      default ->
          throw new IllegalArgumentException("dpkg-deb cannot write " + this + " members either");
    };
  }

  /** Lets a compressor finish its stream on close without closing the ar archive under it. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
