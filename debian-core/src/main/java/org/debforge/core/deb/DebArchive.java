package org.debforge.core.deb;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/** Reads Debian binary packages (deb(5)): an ar archive of debian-binary, control.tar, data.tar. */
public final class DebArchive {
  private DebArchive() {}

  /** The paragraph of {@code ./control} inside the package's control.tar. */
  public static Paragraph control(Path deb) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(deb));
        ArArchiveInputStream ar = new ArArchiveInputStream(in)) {
      ArArchiveEntry e;
      while ((e = ar.getNextEntry()) != null) {
        if (e.getName().startsWith("control.tar")) {
          try (TarArchiveInputStream tar =
              new TarArchiveInputStream(decompress(e.getName(), ar, deb))) {
            TarArchiveEntry t;
            while ((t = tar.getNextEntry()) != null) {
              if (t.getName().equals("./control") || t.getName().equals("control")) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                tar.transferTo(buf);
                return Deb822.parseOne(
                    buf.toString(StandardCharsets.UTF_8), deb + ":control.tar:control");
              }
            }
          }
          throw new FormatException(
              deb.toString(), 0, null, "control.tar has no control file", null);
        }
      }
      throw new FormatException(
          deb.toString(), 0, null, "no control.tar member", "is this a Debian binary package?");
    } catch (IOException ex) {
      throw new DebforgeException(ErrorKind.IO, deb + ": " + ex.getMessage(), null, ex);
    }
  }

  static InputStream decompress(String member, InputStream in, Path deb) throws IOException {
    if (member.endsWith(".tar")) {
      return in;
    } else if (member.endsWith(".gz")) {
      return new GzipCompressorInputStream(in);
    } else if (member.endsWith(".xz")) {
      return new XZCompressorInputStream(in);
    } else if (member.endsWith(".zst")) {
      return new ZstdCompressorInputStream(in);
    }
    throw new FormatException(
        deb.toString(),
        0,
        null,
        "unsupported member compression: " + member,
        "dpkg supports none, gzip, xz and zstd");
  }
}
