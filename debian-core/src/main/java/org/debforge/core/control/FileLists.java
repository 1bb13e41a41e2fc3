package org.debforge.core.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;

/**
 * The file lists of .dsc, .changes and .buildinfo: {@code Files} (MD5, in .buildinfo {@code
 * Checksums-Md5}), {@code Checksums-Sha1} and {@code Checksums-Sha256}. dpkg writes every list with
 * the same files and sizes; a list that disagrees with another is a corrupt or tampered file.
 */
public final class FileLists {
  /** Field names used by .dsc and .changes. */
  public static final Map<ChecksumField, String> SOURCE_FIELDS =
      fields("Files", "Checksums-Sha1", "Checksums-Sha256");

  /** Field names used by .buildinfo, which has no {@code Files}. */
  public static final Map<ChecksumField, String> BUILDINFO_FIELDS =
      fields("Checksums-Md5", "Checksums-Sha1", "Checksums-Sha256");

  private FileLists() {}

  private static Map<ChecksumField, String> fields(String md5, String sha1, String sha256) {
    Map<ChecksumField, String> m = new EnumMap<>(ChecksumField.class);
    m.put(ChecksumField.MD5, md5);
    m.put(ChecksumField.SHA1, sha1);
    m.put(ChecksumField.SHA256, sha256);
    return m;
  }

  /**
   * Reads and cross-checks the lists: each file once per list, every list naming the same files
   * with the same sizes, every name a plain file name.
   *
   * @param required the algorithms whose list must be present
   */
  public static List<ListedFile> read(
      Paragraph p, Map<ChecksumField, String> fieldNames, List<ChecksumField> required) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    Map<String, String[]> sectionPriority = new LinkedHashMap<>();
    Map<String, Map<ChecksumField, String>> digests = new LinkedHashMap<>();
    String firstField = null;
    for (var e : fieldNames.entrySet()) {
      ChecksumField algorithm = e.getKey();
      String field = e.getValue();
      if (!p.has(field)) {
        if (required.contains(algorithm)) {
          throw p.error(field, "missing required field", "dpkg writes this file list; regenerate");
        }
        continue;
      }
      Map<String, FileChecksum> inThisList = new LinkedHashMap<>();
      for (FileChecksum f : algorithm.parse(p, field)) {
        ChecksumField.requirePlainFileName(f.name(), p, field);
        if (inThisList.put(f.name(), f) != null) {
          throw p.error(field, "file '" + f.name() + "' listed twice", "list each file once");
        }
      }
      if (firstField == null) {
        firstField = field;
        for (FileChecksum f : inThisList.values()) {
          sizes.put(f.name(), f.size());
          digests.put(f.name(), new EnumMap<>(ChecksumField.class));
        }
      } else if (!inThisList.keySet().equals(sizes.keySet())) {
        throw p.error(
            field,
            "lists other files than '" + firstField + "'",
            "every file list must name the same files; the file was edited by hand or is corrupt");
      }
      for (FileChecksum f : inThisList.values()) {
        if (sizes.get(f.name()) != f.size()) {
          throw p.error(
              field,
              "size of '"
                  + f.name()
                  + "' is "
                  + f.size()
                  + " but '"
                  + firstField
                  + "' says "
                  + sizes.get(f.name()),
              "every file list must give the same sizes");
        }
        digests.get(f.name()).put(algorithm, f.digest());
        if (f.section() != null) {
          sectionPriority.put(f.name(), new String[] {f.section(), f.priority()});
        }
      }
    }
    List<ListedFile> out = new ArrayList<>(sizes.size());
    for (var e : sizes.entrySet()) {
      String[] sp = sectionPriority.get(e.getKey());
      out.add(
          new ListedFile(
              e.getKey(),
              e.getValue(),
              sp == null ? null : sp[0],
              sp == null ? null : sp[1],
              digests.get(e.getKey())));
    }
    return out;
  }

  /** Sets one list field per algorithm the files carry, in {@code fieldNames} order. */
  public static void write(
      Paragraph p, List<ListedFile> files, Map<ChecksumField, String> fieldNames) {
    for (var e : fieldNames.entrySet()) {
      List<FileChecksum> rows = new ArrayList<>();
      for (ListedFile f : files) {
        String d = f.digest(e.getKey());
        if (d != null) {
          rows.add(new FileChecksum(d, f.size(), f.name(), f.section(), f.priority()));
        }
      }
      if (!rows.isEmpty()) {
        p.set(e.getValue(), e.getKey().format(rows));
      }
    }
  }

  /**
   * Checks every listed file in {@code dir}: present (else NOT_FOUND), a regular file, of the
   * listed size and with every listed digest (else VERIFICATION_FAILED naming the file, expected
   * and actual). Names were already refused unless plain; they are checked again here because a
   * view may have been built in code.
   */
  public static void verify(Path dir, List<ListedFile> files, Paragraph from) {
    for (ListedFile f : files) {
      ChecksumField.requirePlainFileName(f.name(), from, "Files");
      Path path = dir.resolve(f.name());
      if (!Files.exists(path)) {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND,
            path + ": listed in " + describe(from) + " but missing",
            "put every listed file next to the control file");
      }
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path)) {
        throw new DebforgeException(
            ErrorKind.UNSAFE_INPUT, path + ": not a regular file", "listed files must be files");
      }
      try {
        long size = Files.size(path);
        if (size != f.size()) {
          throw failed(path, "size", Long.toString(f.size()), Long.toString(size));
        }
        Map<ChecksumField, MessageDigest> mds = new EnumMap<>(ChecksumField.class);
        f.digests().keySet().forEach(a -> mds.put(a, a.newDigest()));
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
          for (int n; (n = in.read(buf)) > 0; ) {
            for (MessageDigest md : mds.values()) {
              md.update(buf, 0, n);
            }
          }
        }
        for (var e : mds.entrySet()) {
          String actual = HexFormat.of().formatHex(e.getValue().digest());
          String expected = f.digest(e.getKey());
          if (!actual.equals(expected)) {
            throw failed(path, e.getKey().javaAlgorithm(), expected, actual);
          }
        }
      } catch (IOException e) {
        throw new DebforgeException(ErrorKind.IO, path + ": " + e.getMessage(), null, e);
      }
    }
  }

  private static String describe(Paragraph from) {
    return from.source() == null ? "the file list" : from.source();
  }

  private static DebforgeException failed(Path path, String what, String expected, String actual) {
    return new DebforgeException(
        ErrorKind.VERIFICATION_FAILED,
        path + ": " + what + " mismatch: expected " + expected + ", got " + actual,
        "the file is corrupt, truncated or not the one the control file lists; fetch it again");
  }

  /** Fails with a FormatException unless {@code files} is non-empty. */
  static void requireSome(Paragraph p, String field, List<ListedFile> files) {
    if (files.isEmpty()) {
      throw new FormatException(
          p.source(), p.line(), field, "no files listed", "a source or upload lists its files");
    }
  }
}
