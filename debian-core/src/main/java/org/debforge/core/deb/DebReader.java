package org.debforge.core.deb;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;

/**
 * Streams a Debian binary package (deb(5)) the way dpkg-deb reads it: {@code debian-binary} first,
 * then {@code control.tar[.gz|.xz|.zst]}, then {@code data.tar[.*]}, skipping members whose name
 * starts with {@code _}. Opening reads the small control area; data.tar is then streamed once
 * through {@link #readData}, never held in memory.
 */
public final class DebReader implements Closeable {
  static final String DEBIAN_BINARY = "debian-binary";
  static final String CONTROL_TAR = "control.tar";
  static final String DATA_TAR = "data.tar";

  /** Control areas are small; a bigger one is a decompression bomb, not a package. */
  static final long MAX_CONTROL_BYTES = 64L << 20;

  private final String source;
  private final InputStream file;
  private final ArArchiveInputStream ar;
  private final long fileSize;
  private final int formatMajor;
  private final int formatMinor;
  private final String controlMember;
  private final long controlArchiveSize;
  private final List<ControlMember> controlMembers;
  private final byte[] controlFile;
  private final String dataMember;
  private final Compression dataCompression;
  private final long dataSize;
  private boolean dataRead;

  /** Receives data.tar entries; {@code content} is valid only during the call. */
  @FunctionalInterface
  public interface DataVisitor {
    void entry(TarEntry entry, InputStream content) throws IOException;
  }

  private DebReader(Path deb) throws IOException {
    source = deb.toString();
    fileSize = Files.size(deb);
    file = new BufferedInputStream(Files.newInputStream(deb), 65536);
    ar = new ArArchiveInputStream(file);

    ArArchiveEntry first = next();
    if (first == null || !first.getName().equals(DEBIAN_BINARY)) {
      throw error(
          first == null
              ? "archive has no members"
              : "archive has '" + first.getName() + "' where 'debian-binary' must come first",
          "not a Debian binary package");
    }
    int[] version = parseFormat(readSmall(first, 39));
    formatMajor = version[0];
    formatMinor = version[1];

    ArArchiveEntry e = nextCritical(CONTROL_TAR);
    if (e == null) {
      throw error("archive has no 'control.tar' member", "not a Debian binary package");
    }
    controlMember = e.getName();
    controlArchiveSize = e.getLength();
    Compression cc = Compression.ofMember(controlMember, CONTROL_TAR).orElse(null);
    if (cc == null || !cc.allowedForControl()) {
      throw error(
          "archive uses unknown compression for member '" + controlMember + "'",
          "dpkg reads control.tar, control.tar.gz, control.tar.xz and control.tar.zst");
    }
    List<ControlMember> members = new ArrayList<>();
    byte[][] control = new byte[1][];
    readControl(e, cc, members, control);
    controlMembers = List.copyOf(members);
    controlFile = control[0];

    ArArchiveEntry d = nextCritical(DATA_TAR);
    if (d == null) {
      throw error("archive has no 'data.tar' member after '" + controlMember + "'", null);
    }
    dataMember = d.getName();
    dataSize = d.getLength();
    dataCompression =
        Compression.ofMember(dataMember, DATA_TAR)
            .orElseThrow(
                () ->
                    error(
                        "archive uses unknown compression for member '" + dataMember + "'",
                        "dpkg reads data.tar with no compression, .gz, .xz, .zst, .bz2, .lzma"));
  }

  /** Opens {@code deb} and reads everything up to its data.tar member. */
  public static DebReader open(Path deb) {
    try {
      return new DebReader(deb);
    } catch (IOException ex) {
      throw ioError(deb.toString(), ex);
    }
  }

  /** The .deb format version from {@code debian-binary}, e.g. "2.0". */
  public String formatVersion() {
    return formatMajor + "." + formatMinor;
  }

  public long fileSize() {
    return fileSize;
  }

  public String controlMember() {
    return controlMember;
  }

  /** Size in bytes of the (compressed) control.tar member. */
  public long controlArchiveSize() {
    return controlArchiveSize;
  }

  /** The control area's files, sorted by name as dpkg-deb -I lists them. */
  public List<ControlMember> controlMembers() {
    return controlMembers;
  }

  /** The raw bytes of {@code ./control}, or null when the control area has none. */
  public byte[] controlFile() {
    return controlFile == null ? null : controlFile.clone();
  }

  public String dataMember() {
    return dataMember;
  }

  public Compression dataCompression() {
    return dataCompression;
  }

  /** Size in bytes of the (compressed) data.tar member. */
  public long dataArchiveSize() {
    return dataSize;
  }

  /** Streams every data.tar entry to {@code visitor}, in archive order. Can be called once. */
  public void readData(DataVisitor visitor) {
    if (dataRead) {
      throw new IllegalStateException("data.tar was already read");
    }
    dataRead = true;
    MemberStream member = new MemberStream(ar, source, dataMember, dataSize);
    try (TarArchiveInputStream tar = tar(decompress(dataCompression, member, dataMember))) {
      TarArchiveEntry t;
      while ((t = nextTar(tar, dataMember)) != null) {
        visitor.entry(TarEntry.of(t), new Guarded(tar, dataMember, t.getName()));
      }
    } catch (FormatException ex) {
      throw ex;
    } catch (IOException ex) {
      throw ioError(source + ": " + dataMember, ex);
    }
  }

  /** Lists data.tar without keeping any file content. */
  public List<TarEntry> listData() {
    List<TarEntry> entries = new ArrayList<>();
    readData((entry, content) -> entries.add(entry));
    return entries;
  }

  @Override
  public void close() {
    try {
      ar.close();
    } catch (IOException ex) {
      throw ioError(source, ex);
    }
  }

  private void readControl(
      ArArchiveEntry e, Compression cc, List<ControlMember> members, byte[][] control)
      throws IOException {
    MemberStream member = new MemberStream(ar, source, controlMember, e.getLength());
    Set<String> dirs = new LinkedHashSet<>();
    long total = 0;
    try (TarArchiveInputStream tar = tar(decompress(cc, member, controlMember))) {
      TarArchiveEntry t;
      while ((t = nextTar(tar, controlMember)) != null) {
        String name = EntryPaths.relative(t.getName(), source, controlMember);
        if (name.isEmpty()) {
          continue;
        }
        int slash = name.indexOf('/');
        if (slash >= 0 || !t.isFile()) {
          // dpkg-deb -I shows only the top level; anything else is "not a plain file".
          dirs.add(slash >= 0 ? name.substring(0, slash) : name);
          continue;
        }
        total += t.getSize();
        if (total > MAX_CONTROL_BYTES) {
          throw new FormatException(
              ErrorKind.UNSAFE_INPUT,
              source,
              0,
              null,
              "member '"
                  + controlMember
                  + "' unpacks to over "
                  + (MAX_CONTROL_BYTES >> 20)
                  + " MiB",
              "a control area holds a few small files; this is not a real package",
              null);
        }
        byte[] content = new Guarded(tar, controlMember, t.getName()).readAllBytes();
        members.add(ControlMember.ofFile(name, content, t.getMode()));
        if (name.equals("control")) {
          control[0] = content;
        }
      }
    }
    for (String dir : dirs) {
      if (members.stream().noneMatch(m -> m.name().equals(dir))) {
        members.add(ControlMember.notPlain(dir));
      }
    }
    // dpkg-deb sorts with alphasort(); control member names are ASCII, so byte order is the same.
    members.sort((a, b) -> a.name().compareTo(b.name()));
    member.drain();
  }

  private int[] parseFormat(byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    int nl = text.indexOf('\n');
    String hint = "dpkg-deb reads format 2.x ('2.0' and a newline)";
    if (nl < 0) {
      throw error("archive has no newline in 'debian-binary'", hint);
    }
    String v = text.substring(0, nl);
    int dot = v.indexOf('.');
    if (dot <= 0
        || !v.substring(0, dot).matches("[0-9]{1,9}")
        || !v.substring(dot + 1).matches("[0-9]{1,9}")) {
      throw error("archive has invalid format version '" + v + "'", hint);
    }
    int major = Integer.parseInt(v.substring(0, dot));
    int minor = Integer.parseInt(v.substring(dot + 1));
    if (major != 2) {
      throw error("archive is format version " + v + ", which dpkg-deb does not read", hint);
    }
    return new int[] {major, minor};
  }

  private byte[] readSmall(ArArchiveEntry e, int max) throws IOException {
    if (e.getLength() > max) {
      throw error("member '" + e.getName() + "' is " + e.getLength() + " bytes, too long", null);
    }
    MemberStream m = new MemberStream(ar, source, e.getName(), e.getLength());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    m.transferTo(buf);
    return buf.toByteArray();
  }

  /** The next member that is not an ignorable {@code _} one; it must start with {@code prefix}. */
  private ArArchiveEntry nextCritical(String prefix) throws IOException {
    ArArchiveEntry e;
    while ((e = next()) != null) {
      if (e.getName().startsWith("_")) {
        new MemberStream(ar, source, e.getName(), e.getLength()).drain();
        continue;
      }
      if (!e.getName().startsWith(prefix)) {
        throw error(
            "archive has premature member '" + e.getName() + "' before '" + prefix + "'",
            "members must come in the order debian-binary, control.tar, data.tar");
      }
      return e;
    }
    return null;
  }

  private ArArchiveEntry next() {
    try {
      ArArchiveEntry e = ar.getNextEntry();
      if (e != null && e.getLength() < 0) {
        throw error("member '" + e.getName() + "' has a negative size", null);
      }
      return e;
    } catch (FormatException ex) {
      throw ex;
    } catch (IOException | RuntimeException ex) {
      throw new FormatException(
          ErrorKind.INVALID_INPUT,
          source,
          0,
          null,
          "not a valid ar archive: " + ex.getMessage(),
          "a .deb is an ar archive starting with '!<arch>'; is this a Debian binary package?",
          ex);
    }
  }

  private TarArchiveEntry nextTar(TarArchiveInputStream tar, String member) {
    try {
      return tar.getNextEntry();
    } catch (FormatException ex) {
      throw ex;
    } catch (IOException | RuntimeException ex) {
      throw new FormatException(
          ErrorKind.INVALID_INPUT,
          source,
          0,
          null,
          "member '" + member + "' is not a valid tar archive: " + ex.getMessage(),
          "the package is corrupt; fetch it again",
          ex);
    }
  }

  private InputStream decompress(Compression c, InputStream in, String member) {
    try {
      return c.decompress(in);
    } catch (FormatException ex) {
      throw ex;
    } catch (IOException | RuntimeException ex) {
      throw new FormatException(
          ErrorKind.INVALID_INPUT,
          source,
          0,
          null,
          "member '"
              + member
              + "' is not valid "
              + c.name().toLowerCase()
              + " data: "
              + ex.getMessage(),
          "the package is corrupt; fetch it again",
          ex);
    }
  }

  private static TarArchiveInputStream tar(InputStream in) {
    return new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
  }

  private FormatException error(String detail, String hint) {
    return new FormatException(source, 0, null, detail, hint);
  }

  private static DebforgeException ioError(String what, IOException ex) {
    return new DebforgeException(ErrorKind.IO, what + ": " + ex.getMessage(), null, ex);
  }

  /** An entry's content: decompression errors become format errors naming member and entry. */
  private final class Guarded extends FilterInputStream {
    private final String member;
    private final String entry;

    Guarded(InputStream in, String member, String entry) {
      super(in);
      this.member = member;
      this.entry = entry;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (FormatException ex) {
        throw ex;
      } catch (IOException | RuntimeException ex) {
        throw corrupt(ex);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (FormatException ex) {
        throw ex;
      } catch (IOException | RuntimeException ex) {
        throw corrupt(ex);
      }
    }

    @Override
    public void close() {
      // The tar stream stays open for the next entry.
    }

    private FormatException corrupt(Exception ex) {
      return new FormatException(
          ErrorKind.INVALID_INPUT,
          source,
          0,
          null,
          "member '" + member + "' entry '" + entry + "' cannot be read: " + ex.getMessage(),
          "the package is corrupt; fetch it again",
          ex);
    }
  }
}
