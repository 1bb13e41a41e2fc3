package org.debforge.core.deb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/**
 * Builds a .deb as {@code dpkg-deb -b} would, but reproducibly: entries sorted by name, one fixed
 * mtime (like SOURCE_DATE_EPOCH) everywhere, root:root ownership, md5sums generated, and
 * Installed-Size computed when the control paragraph lacks it. Same inputs, same bytes.
 */
public final class DebWriter {
  private final Paragraph control;
  private final Map<String, Item> data = new TreeMap<>();
  private final Map<String, Item> controlFiles = new TreeMap<>();
  private Compression compression = Compression.XZ;
  private long mtime;

  private record Item(
      String path, TarEntry.Type type, int mode, String target, Path source, byte[] bytes) {}

  private DebWriter(Paragraph control) {
    this.control = Objects.requireNonNull(control, "control");
    control.require("Package");
    control.require("Version");
    control.require("Architecture");
  }

  /** A writer for a package described by {@code control} (Package, Version, Architecture...). */
  public static DebWriter of(Paragraph control) {
    return new DebWriter(control);
  }

  /** Compression of both members; xz by default, like dpkg-deb. */
  public DebWriter compression(Compression c) {
    if (!c.writable()) {
      throw new IllegalArgumentException("dpkg-deb does not write " + c + " members");
    }
    this.compression = c;
    return this;
  }

  /** The mtime of every member and entry, seconds since the epoch (SOURCE_DATE_EPOCH). */
  public DebWriter mtime(long epochSeconds) {
    if (epochSeconds < 0) {
      throw new IllegalArgumentException("negative mtime " + epochSeconds);
    }
    this.mtime = epochSeconds;
    return this;
  }

  /** A maintainer script or other control-area file (conffiles, triggers...). */
  public DebWriter controlFile(String name, int mode, String content) {
    if (name.isEmpty() || name.contains("/") || name.equals("control") || name.equals("md5sums")) {
      throw new IllegalArgumentException("not a settable control file: " + name);
    }
    controlFiles.put(
        name,
        new Item(
            name, TarEntry.Type.FILE, mode, "", null, content.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  public DebWriter file(String path, int mode, byte[] content) {
    return add(new Item(clean(path), TarEntry.Type.FILE, mode & 07777, "", null, content.clone()));
  }

  public DebWriter directory(String path, int mode) {
    return add(new Item(clean(path), TarEntry.Type.DIRECTORY, mode & 07777, "", null, null));
  }

  public DebWriter symlink(String path, String target) {
    return add(new Item(clean(path), TarEntry.Type.SYMLINK, 0777, target, null, null));
  }

  /** Every file, directory and symlink under {@code root}, with its permission bits. */
  public DebWriter tree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(p -> !p.equals(root)).toList()) {
        String rel = root.relativize(p).toString();
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        if (Files.isSymbolicLink(p)) {
          symlink(rel, Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          directory(rel, mode);
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          add(new Item(clean(rel), TarEntry.Type.FILE, mode, "", p, null));
        } else {
          throw new DebforgeException(
              ErrorKind.UNSAFE_INPUT,
              p + ": not a file, directory or symlink",
              "remove it from the tree");
        }
      }
    } catch (IOException ex) {
      throw new DebforgeException(ErrorKind.IO, "cannot read " + root + ": " + ex, null, ex);
    }
    return this;
  }

  private DebWriter add(Item item) {
    // Parents first, as dpkg needs them; mode 0755 unless given explicitly.
    int slash = item.path().lastIndexOf('/');
    if (slash > 0 && !data.containsKey(item.path().substring(0, slash))) {
      directory(item.path().substring(0, slash), 0755);
    }
    data.put(item.path(), item);
    return this;
  }

  private static String clean(String path) {
    String rel = EntryPaths.relative(path, "<package tree>", "data.tar");
    if (rel.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    return rel;
  }

  /** Writes the package to {@code out} (via a temporary file renamed into place). */
  public void write(Path out) {
    Path dir = out.toAbsolutePath().getParent();
    Path dataTmp = null;
    Path debTmp = null;
    try {
      Files.createDirectories(dir);
      dataTmp = Files.createTempFile(dir, ".data.", ".tmp");
      debTmp = Files.createTempFile(dir, ".deb.", ".tmp");
      StringBuilder md5sums = new StringBuilder();
      long installedKb;
      try (OutputStream raw = Files.newOutputStream(dataTmp)) {
        installedKb = writeData(raw, md5sums);
      }
      Paragraph ctl = control;
      if (!ctl.has("Installed-Size")) {
        ctl = Deb822.parseOne(render(control), "control");
        ctl.set("Installed-Size", Long.toString(installedKb));
      }
      byte[] controlTar = controlTar(ctl, md5sums.toString());
      try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(debTmp))) {
        member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
        member(ar, DebReader.CONTROL_TAR + compression.extension(), controlTar);
        ar.putArchiveEntry(
            entry(DebReader.DATA_TAR + compression.extension(), Files.size(dataTmp)));
        Files.copy(dataTmp, ar);
        ar.closeArchiveEntry();
      }
      // Temporary files are private; a package is for everyone to read, as dpkg-deb leaves it.
      Files.setAttribute(debTmp, "unix:mode", 0644);
      Files.move(debTmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new DebforgeException(ErrorKind.IO, "cannot write " + out + ": " + ex, null, ex);
    } finally {
      try {
        if (dataTmp != null) {
          Files.deleteIfExists(dataTmp);
        }
        if (debTmp != null) {
          Files.deleteIfExists(debTmp);
        }
      } catch (IOException ignored) {
        // Best effort: the package itself is written or the error above is reported.
      }
    }
  }

  private long writeData(OutputStream raw, StringBuilder md5sums) throws IOException {
    long kb = 0;
    try (OutputStream z = compression.compress(raw);
        TarArchiveOutputStream tar = tar(z)) {
      tar.putArchiveEntry(tarEntry("./", TarEntry.Type.DIRECTORY, 0755, "", 0));
      tar.closeArchiveEntry();
      for (Item item : data.values()) {
        String name = "./" + item.path() + (item.type() == TarEntry.Type.DIRECTORY ? "/" : "");
        if (item.type() != TarEntry.Type.FILE) {
          tar.putArchiveEntry(tarEntry(name, item.type(), item.mode(), item.target(), 0));
          tar.closeArchiveEntry();
          kb++;
          continue;
        }
        long size = item.bytes() != null ? item.bytes().length : Files.size(item.source());
        tar.putArchiveEntry(tarEntry(name, item.type(), item.mode(), "", size));
        MessageDigest md5 = md5();
        try (InputStream in =
            new DigestInputStream(
                item.bytes() != null
                    ? new java.io.ByteArrayInputStream(item.bytes())
                    : Files.newInputStream(item.source()),
                md5)) {
          if (in.transferTo(tar) != size) {
            throw new IOException(item.path() + " changed while being packed");
          }
        }
        tar.closeArchiveEntry();
        kb += (size + 1023) / 1024;
        md5sums
            .append(HexFormat.of().formatHex(md5.digest()))
            .append("  ")
            .append(item.path())
            .append('\n');
      }
    }
    return kb;
  }

  private byte[] controlTar(Paragraph ctl, String md5sums) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Map<String, Item> files = new TreeMap<>(controlFiles);
    files.put(
        "control",
        new Item(
            "control",
            TarEntry.Type.FILE,
            0644,
            "",
            null,
            render(ctl).getBytes(StandardCharsets.UTF_8)));
    if (!md5sums.isEmpty()) {
      files.put(
          "md5sums",
          new Item(
              "md5sums",
              TarEntry.Type.FILE,
              0644,
              "",
              null,
              md5sums.getBytes(StandardCharsets.UTF_8)));
    }
    try (OutputStream z = compression.compress(buf);
        TarArchiveOutputStream tar = tar(z)) {
      tar.putArchiveEntry(tarEntry("./", TarEntry.Type.DIRECTORY, 0755, "", 0));
      tar.closeArchiveEntry();
      for (Item f : files.values()) {
        tar.putArchiveEntry(
            tarEntry("./" + f.path(), TarEntry.Type.FILE, f.mode(), "", f.bytes().length));
        tar.write(f.bytes());
        tar.closeArchiveEntry();
      }
    }
    return buf.toByteArray();
  }

  private static String render(Paragraph p) {
    StringBuilder sb = new StringBuilder();
    Deb822.write(p, sb);
    return sb.toString();
  }

  private TarArchiveEntry tarEntry(
      String name, TarEntry.Type type, int mode, String target, long size) {
    byte flag =
        switch (type) {
          case DIRECTORY -> TarArchiveEntry.LF_DIR;
          case SYMLINK -> TarArchiveEntry.LF_SYMLINK;
          default -> TarArchiveEntry.LF_NORMAL;
        };
    TarArchiveEntry e = new TarArchiveEntry(name, flag);
    e.setMode(mode);
    e.setUserId(0);
    e.setGroupId(0);
    e.setUserName("root");
    e.setGroupName("root");
    e.setModTime(mtime * 1000);
    if (type == TarEntry.Type.SYMLINK) {
      e.setLinkName(target);
    }
    e.setSize(size);
    return e;
  }

  private static TarArchiveOutputStream tar(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    return tar;
  }

  private void member(ArArchiveOutputStream ar, String name, byte[] content) throws IOException {
    ar.putArchiveEntry(entry(name, content.length));
    ar.write(content);
    ar.closeArchiveEntry();
  }

  private ArArchiveEntry entry(String name, long length) {
    return new ArArchiveEntry(name, length, 0, 0, 0100644, mtime);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
