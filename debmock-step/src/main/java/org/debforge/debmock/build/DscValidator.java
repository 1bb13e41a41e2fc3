package org.debforge.debmock.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.control.Paragraph;

/**
 * Checks a .dsc before anything of it enters a build root: every listed file present with the right
 * size and checksums, plain file names only, and no tarball member that could land outside the
 * unpacked tree. dpkg-source then does the unpacking, with its own checks on top.
 */
public final class DscValidator {
  private static final String NAME = "[a-z0-9][a-z0-9+.-]+";
  private static final String VERSION = "([0-9]+:)?[0-9A-Za-z.+~:-]+";

  private DscValidator() {}

  public static SourcePackage validate(Path dsc) {
    if (!Files.isRegularFile(dsc)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, "no such .dsc: " + dsc, "give the path of a Debian source package");
    }
    Paragraph p = Deb822.readOne(dsc);
    String name = p.require("Source");
    if (!name.matches(NAME)) {
      throw p.error("Source", "'" + name + "' is not a valid source package name", null);
    }
    String version = p.require("Version");
    if (!version.matches(VERSION)) {
      throw p.error("Version", "'" + version + "' is not a valid version", null);
    }
    String format = p.get("Format").orElse("1.0");
    // The file list, with every checksum the .dsc gives for each file.
    Map<String, List<Check>> checks = new LinkedHashMap<>();
    for (ChecksumField f : ChecksumField.values()) {
      for (FileChecksum fc : f.parse(p, f.controlField())) {
        ChecksumField.requirePlainFileName(fc.name(), p, f.controlField());
        checks.computeIfAbsent(fc.name(), n -> new ArrayList<>()).add(new Check(f, fc));
      }
    }
    if (checks.isEmpty()) {
      throw p.error("Files", "lists no files", "a .dsc lists its tarballs in Checksums-Sha256");
    }
    Path dir = dsc.toAbsolutePath().getParent();
    List<Path> files = new ArrayList<>();
    for (var e : checks.entrySet()) {
      Path file = dir.resolve(e.getKey());
      if (!Files.isRegularFile(file)) {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND,
            dsc + ": file '" + e.getKey() + "' listed in the .dsc is missing",
            "put every file the .dsc lists next to it (dget fetches them all)");
      }
      verify(dsc, file, e.getValue());
      if (isTarball(e.getKey())) {
        checkTarball(dsc, file);
      }
      files.add(file);
    }
    List<String> deps = new ArrayList<>();
    for (String f : List.of("Build-Depends", "Build-Depends-Arch", "Build-Depends-Indep")) {
      p.get(f).ifPresent(v -> deps.add(v.replaceAll("\\s+", " ").strip()));
    }
    return new SourcePackage(dsc.toAbsolutePath(), name, version, format, files, deps);
  }

  private record Check(ChecksumField field, FileChecksum expected) {}

  private static void verify(Path dsc, Path file, List<Check> checks) {
    try {
      long size = Files.size(file);
      Map<ChecksumField, MessageDigest> digests = new LinkedHashMap<>();
      for (Check c : checks) {
        if (c.expected().size() != size) {
          throw mismatch(
              dsc, file, c.field().controlField(), "size " + c.expected().size(), "" + size);
        }
        digests.put(c.field(), c.field().newDigest());
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          for (MessageDigest d : digests.values()) {
            d.update(buf, 0, n);
          }
        }
      }
      for (Check c : checks) {
        String got = java.util.HexFormat.of().formatHex(digests.get(c.field()).digest());
        if (!got.equalsIgnoreCase(c.expected().digest())) {
          throw mismatch(dsc, file, c.field().controlField(), c.expected().digest(), got);
        }
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot read " + file + ": " + e.getMessage(), null, e);
    }
  }

  private static DebforgeException mismatch(
      Path dsc, Path file, String field, String expected, String got) {
    return new DebforgeException(
        ErrorKind.VERIFICATION_FAILED,
        dsc
            + ": error: field '"
            + field
            + "': "
            + file.getFileName()
            + " does not match: expected "
            + expected
            + ", got "
            + got,
        "the file is corrupt or not the one this .dsc was made with; fetch the source again");
  }

  static boolean isTarball(String name) {
    return name.matches(".*\\.tar(\\.(gz|xz|bz2|lzma|zst))?$");
  }

  /** Refuses members that are absolute, climb with {@code ..}, or are device nodes. */
  static void checkTarball(Path dsc, Path tarball) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball));
        InputStream in = decompress(raw, tarball);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String n = e.getName();
        boolean climbs =
            n.startsWith("/")
                || n.equals("..")
                || n.startsWith("../")
                || n.contains("/../")
                || n.endsWith("/..");
        boolean linkClimbs =
            e.isLink() && (e.getLinkName().startsWith("/") || e.getLinkName().contains(".."));
        if (climbs || linkClimbs || e.isCharacterDevice() || e.isBlockDevice()) {
          throw new DebforgeException(
              ErrorKind.UNSAFE_INPUT,
              dsc + ": " + tarball.getFileName() + ": unsafe member '" + n + "'",
              "a source tarball may only contain files below its top directory");
        }
      }
    } catch (IOException e) {
      throw new FormatException(
          ErrorKind.INVALID_INPUT,
          tarball.toString(),
          0,
          null,
          "not a readable tarball: " + e.getMessage(),
          "fetch the source again",
          e);
    }
  }

  private static InputStream decompress(InputStream raw, Path tarball) throws IOException {
    if (tarball.toString().endsWith(".tar")) {
      return raw;
    }
    try {
      return new CompressorStreamFactory().createCompressorInputStream(raw);
    } catch (CompressorException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
