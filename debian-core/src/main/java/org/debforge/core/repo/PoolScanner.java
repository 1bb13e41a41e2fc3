package org.debforge.core.repo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Field;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.control.Paragraph;
import org.debforge.core.deb.DebArchive;

/**
 * Turns a pool of .deb, .udeb and .dsc files into index stanzas the way {@code apt-ftparchive
 * packages|sources} does, with MD5 and SHA-256 checksums (SHA-1 is no longer used by apt; SHA-512
 * adds nothing apt checks).
 *
 * <p>The pool must lie inside the repository root: {@code Filename} and {@code Directory} are paths
 * apt fetches relative to the root, so a pool elsewhere could not be served.
 */
public final class PoolScanner {
  /** What a pool holds, as stanzas ready to write, each list sorted by path. */
  public record Pool(List<Paragraph> debs, List<Paragraph> udebs, List<Paragraph> sources) {}

  private PoolScanner() {}

  public static Pool scan(Path repoRoot, Path pool) {
    Path root = repoRoot.toAbsolutePath().normalize();
    Path dir = pool.toAbsolutePath().normalize();
    if (!dir.startsWith(root)) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "the pool " + pool + " is not inside the repository root " + repoRoot,
          "apt fetches Filename paths relative to the root: put the pool under it (e.g."
              + " ROOT/pool) and scan that");
    }
    if (!Files.isDirectory(dir)) {
      throw new DebforgeException(ErrorKind.NOT_FOUND, pool + ": no such directory");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, pool + ": " + e.getMessage(), null, e);
    }
    List<Paragraph> debs = new ArrayList<>();
    List<Paragraph> udebs = new ArrayList<>();
    List<Paragraph> sources = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      String rel = relative(root, f);
      if (name.endsWith(".deb")) {
        debs.add(binaryStanza(f, rel));
      } else if (name.endsWith(".udeb")) {
        udebs.add(binaryStanza(f, rel));
      } else if (name.endsWith(".dsc")) {
        sources.add(sourceStanza(f, relative(root, f.getParent())));
      }
    }
    return new Pool(debs, udebs, sources);
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  /** The .deb's control fields, then Filename, Size, MD5sum, SHA256, in apt-ftparchive order. */
  public static Paragraph binaryStanza(Path deb, String filename) {
    Digests d = Digests.of(deb);
    return binaryStanza(DebArchive.control(deb), filename, d.size(), d.md5(), d.sha256());
  }

  /**
   * The Packages stanza from a .deb's control fields already read (e.g. cached by a publisher that
   * knows the file's digests), in apt-ftparchive field order.
   */
  public static Paragraph binaryStanza(
      Paragraph control, String filename, long size, String md5, String sha256) {
    Paragraph p = new Paragraph(control.source(), 0);
    for (Field f : control) {
      p.set(f.name(), f.value());
    }
    p.set("Filename", filename);
    p.set("Size", Long.toString(size));
    p.set("MD5sum", md5);
    p.set("SHA256", sha256);
    return FieldOrder.reorder(p, FieldOrder.PACKAGES);
  }

  /**
   * The .dsc mapped as apt-ftparchive maps it: {@code Source} becomes {@code Package}, a {@code
   * Directory} is added, and the .dsc itself heads the file lists.
   */
  public static Paragraph sourceStanza(Path dsc, String directory) {
    Paragraph in = Deb822.readOne(dsc);
    Digests d = Digests.of(dsc);
    String dscName = dsc.getFileName().toString();
    Paragraph p = new Paragraph(dsc.toString(), 0);
    p.set("Package", in.require("Source"));
    for (Field f : in) {
      if (!f.name().equalsIgnoreCase("Source")
          && !f.name().equalsIgnoreCase("Checksums-Sha1")
          && !f.name().equalsIgnoreCase("Checksums-Sha512")) {
        p.set(f.name(), f.value());
      }
    }
    p.set("Directory", directory);
    for (ChecksumField c : List.of(ChecksumField.MD5, ChecksumField.SHA256)) {
      List<FileChecksum> files = new ArrayList<>();
      files.add(new FileChecksum(c == ChecksumField.MD5 ? d.md5() : d.sha256(), d.size(), dscName));
      for (FileChecksum f : c.parse(in, c.controlField())) {
        ChecksumField.requirePlainFileName(f.name(), in, c.controlField());
        files.add(f);
      }
      p.set(c.controlField(), c.format(files));
    }
    return FieldOrder.reorder(p, FieldOrder.SOURCES);
  }

  /**
   * The MD5 of a file alone, for a caller that already knows its SHA-256 (a content-addressed
   * store): half the hashing of {@link Digests#of}.
   */
  public static String md5(Path file) {
    MessageDigest md5 = ChecksumField.MD5.newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        md5.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  /** Size and digests of a file, read once. */
  public record Digests(long size, String md5, String sha256) {
    public static Digests of(Path file) {
      MessageDigest md5 = ChecksumField.MD5.newDigest();
      MessageDigest sha256 = ChecksumField.SHA256.newDigest();
      long size = 0;
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) > 0; ) {
          md5.update(buf, 0, n);
          sha256.update(buf, 0, n);
          size += n;
        }
      } catch (IOException e) {
        throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
      }
      HexFormat hex = HexFormat.of();
      return new Digests(size, hex.formatHex(md5.digest()), hex.formatHex(sha256.digest()));
    }
  }
}
