package org.debforge.core.repo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * The compressions APT indexes are published in. Reading trusts the magic bytes over the file name,
 * but a name that promises one compression and content that is another is refused, as apt would
 * fail on it too.
 */
public enum IndexCompression {
  NONE(""),
  GZIP(".gz"),
  XZ(".xz");

  /** Decompressed indexes above this are refused: Debian's largest Packages is ~100 MB. */
  static final long MAX_INDEX_BYTES = 1L << 30;

  private final String extension;

  IndexCompression(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  static IndexCompression ofMagic(byte[] data) {
    if (data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (data.length >= 6
        && (data[0] & 0xff) == 0xfd
        && data[1] == '7'
        && data[2] == 'z'
        && data[3] == 'X'
        && data[4] == 'Z'
        && data[5] == 0) {
      return XZ;
    }
    return NONE;
  }

  static IndexCompression ofName(String name) {
    return name.endsWith(".gz") ? GZIP : name.endsWith(".xz") ? XZ : NONE;
  }

  /** The decompressed content of an index file read from {@code file}. */
  public static byte[] decompress(byte[] data, Path file) {
    IndexCompression byMagic = ofMagic(data);
    IndexCompression byName = ofName(file.getFileName().toString());
    if (byName != NONE && byMagic != byName) {
      throw new FormatException(
          file.toString(),
          0,
          null,
          "named " + byName.extension + " but its content is not " + byName.name().toLowerCase(),
          "the file is damaged or misnamed; fetch or write it again");
    }
    if (byMagic == NONE) {
      return data;
    }
    try (InputStream in =
        byMagic == GZIP
            ? new GZIPInputStream(new ByteArrayInputStream(data))
            : new XZInputStream(new ByteArrayInputStream(data))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 6);
      byte[] buf = new byte[65536];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > MAX_INDEX_BYTES) {
          throw new FormatException(
              ErrorKind.UNSAFE_INPUT,
              file.toString(),
              0,
              null,
              "decompresses to more than " + MAX_INDEX_BYTES + " bytes",
              "refusing a likely decompression bomb",
              null);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new FormatException(
          ErrorKind.INVALID_INPUT,
          file.toString(),
          0,
          null,
          "corrupt or truncated " + byMagic.name().toLowerCase() + " data: " + e.getMessage(),
          "the download was cut short or the file is damaged; fetch or write it again",
          e);
    }
  }

  /**
   * Compresses reproducibly: gzip without a time stamp, xz preset 6 (as apt-ftparchive and xz(1)
   * default to) with a CRC64 check. The xz dictionary is no larger than the input: a dictionary
   * covering the whole input finds the same matches, and preset 6's 8 MiB one costs its match
   * finder about 80 MiB of arrays to allocate and zero, most of the time compressing a Packages of
   * a few thousand stanzas.
   */
  public byte[] compress(byte[] data) {
    if (this == NONE) {
      return data;
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(data.length / 4 + 64);
    try (OutputStream out =
        this == GZIP
            ? new GZIPOutputStream(buf)
            : new XZOutputStream(buf, xzOptions(data.length))) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }

  private static LZMA2Options xzOptions(int size) {
    LZMA2Options o;
    try {
      o = new LZMA2Options(6);
      int dict = LZMA2Options.DICT_SIZE_MIN;
      while (dict < size && dict < o.getDictSize()) {
        dict <<= 1;
      }
      o.setDictSize(Math.min(dict, o.getDictSize()));
    } catch (org.tukaani.xz.UnsupportedOptionsException e) {
      throw new IllegalStateException(e); // preset 6 and powers of two from the minimum are valid
    }
    return o;
  }
}
