package org.debforge.debmock.build.orig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.debforge.core.deb.Compression;

/** What the orig finder does with tarball files: recognise them, and place them for dpkg-source. */
final class TarballFiles {
  /** dpkg-source's orig tarball compressions, in the order gbp's Compressor lists them. */
  static final List<Compression> ORIG =
      List.of(Compression.GZIP, Compression.BZIP2, Compression.LZMA, Compression.XZ);

  private TarballFiles() {}

  /** gbp's compression name for a Compression (gzip, xz, bzip2, lzma). */
  static String gbpName(Compression c) {
    return switch (c) {
      case GZIP -> "gzip";
      case XZ -> "xz";
      case BZIP2 -> "bzip2";
      case LZMA -> "lzma";
      default -> throw new IllegalArgumentException(c.name());
    };
  }

  static Optional<Compression> ofGbpName(String name) {
    return ORIG.stream().filter(c -> gbpName(c).equals(name)).findFirst();
  }

  /** The compression a tarball's name ends with ({@code .tar.gz} ...), if an orig one. */
  static Optional<Compression> ofName(String name) {
    return ORIG.stream().filter(c -> name.endsWith(".tar" + c.extension())).findFirst();
  }

  /**
   * What the file really holds: the compression whose stream starts a tar archive (a ustar or GNU
   * header after decompression), or empty with the reason in {@code why[0]}.
   */
  static Optional<Compression> sniff(Path file, String[] why) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(6);
    } catch (IOException e) {
      why[0] = "cannot read: " + e.getMessage();
      return Optional.empty();
    }
    Compression c = magic(head);
    if (c == null) {
      why[0] = "not a gzip, xz, bzip2 or lzma file";
      return Optional.empty();
    }
    try (InputStream in = c.decompress(Files.newInputStream(file))) {
      byte[] block = in.readNBytes(512);
      String magic =
          block.length == 512 ? new String(block, 257, 5, StandardCharsets.US_ASCII) : "";
      if (!magic.equals("ustar")) {
        why[0] = "a " + gbpName(c) + " file, but not of a tar archive";
        return Optional.empty();
      }
    } catch (IOException e) {
      why[0] = "a damaged " + gbpName(c) + " file: " + e.getMessage();
      return Optional.empty();
    }
    return Optional.of(c);
  }

  private static Compression magic(byte[] h) {
    if (h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (h.length >= 6
        && (h[0] & 0xff) == 0xfd
        && h[1] == '7'
        && h[2] == 'z'
        && h[3] == 'X'
        && h[4] == 'Z'
        && h[5] == 0) {
      return Compression.XZ;
    }
    if (h.length >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') {
      return Compression.BZIP2;
    }
    // lzma-alone: properties byte 0x5d for every preset xz --format=lzma writes, then a
    // little-endian dictionary size.
    if (h.length >= 3 && (h[0] & 0xff) == 0x5d && h[1] == 0) {
      return Compression.LZMA;
    }
    return null;
  }

  /** Copies {@code from} (following a link) to {@code dir/name} through a temporary name. */
  static Path place(Path from, Path dir, String name) throws IOException {
    Path to = dir.resolve(name);
    Path tmp = dir.resolve("." + name + ".tmp");
    Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
    return Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
