package org.debforge.debmock.plugins.compresslogs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/** Replaces log files by compressed ones, each atomically (temporary file, rename, then delete). */
public final class LogCompressor {
  /** The compression methods, with their file suffix and level range. */
  public enum Method {
    GZIP(".gz", 1, 9, 6),
    XZ(".xz", 0, 9, 6),
    ZSTD(".zst", 1, 19, 3);

    final String suffix;
    final int min;
    final int max;
    final int standard;

    Method(String suffix, int min, int max, int standard) {
      this.suffix = suffix;
      this.min = min;
      this.max = max;
      this.standard = standard;
    }

    public static Method of(String name) {
      for (Method m : values()) {
        if (m.name().toLowerCase(Locale.ROOT).equals(name)) {
          return m;
        }
      }
      throw new IllegalArgumentException("method must be gzip, xz or zstd, not " + name);
    }

    void checkLevel(int level) {
      if (level != -1 && (level < min || level > max)) {
        throw new IllegalArgumentException(
            "level for "
                + name().toLowerCase(Locale.ROOT)
                + " must be "
                + min
                + "-"
                + max
                + " or -1");
      }
    }

    public String suffix() {
      return suffix;
    }
  }

  private final Method method;
  private final int level;

  public LogCompressor(Method method, int level) {
    method.checkLevel(level);
    this.method = method;
    this.level = level == -1 ? method.standard : level;
  }

  /** Compresses every regular file of {@code dir} whose name matches; returns the new files. */
  public List<Path> compressAll(Path dir, Pattern names) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.sorted().toList()) {
        String n = f.getFileName().toString();
        if (!n.startsWith(".") && Files.isRegularFile(f) && names.matcher(n).find()) {
          out.add(compress(f));
        }
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "compress_logs: cannot compress logs in " + dir + ": " + e, null, e);
    }
    return out;
  }

  /** Writes {@code file}{@code suffix} whole, then removes {@code file}. */
  public Path compress(Path file) throws IOException {
    Path target = file.resolveSibling(file.getFileName() + method.suffix);
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
    try {
      try (InputStream in = Files.newInputStream(file);
          OutputStream raw = Files.newOutputStream(tmp);
          OutputStream z = open(raw)) {
        in.transferTo(z);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.delete(file);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  private OutputStream open(OutputStream raw) throws IOException {
    return switch (method) {
      case GZIP -> {
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(level);
        yield new GzipCompressorOutputStream(raw, p);
      }
      case XZ -> new XZCompressorOutputStream(raw, level);
      case ZSTD -> new ZstdCompressorOutputStream(raw, level);
    };
  }
}
