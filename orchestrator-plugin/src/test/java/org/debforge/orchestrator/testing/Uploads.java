package org.debforge.orchestrator.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.debforge.core.control.Paragraph;
import org.debforge.core.deb.DebWriter;

/**
 * Builds small but real uploads for the tests: .debs written by {@link DebWriter} (dpkg reads them)
 * and the .changes dpkg-genchanges would write for them, optionally laid out as a deb-mock result
 * directory with result.json and logs.
 */
public final class Uploads {
  private Uploads() {}

  /**
   * Writes {@code SOURCE_VERSION_ARCH.deb} and {@code SOURCE_VERSION_ARCH.changes} into {@code dir}
   * and returns the .changes. {@code payload} goes into the package, so two calls with other
   * payloads give other content for the same version.
   */
  public static Path changes(Path dir, String source, String version, String arch, String payload)
      throws IOException {
    Files.createDirectories(dir);
    String deb = source + "_" + version + "_" + arch + ".deb";
    DebWriter.of(
            Paragraph.of(
                "Package", source,
                "Version", version,
                "Architecture", arch,
                "Maintainer", "Debforge Tests <tests@debforge.invalid>",
                "Description", "test package for deb-orchestrator"))
        .mtime(1_716_201_296L)
        .file(
            "usr/share/doc/" + source + "/payload", 0644, payload.getBytes(StandardCharsets.UTF_8))
        .write(dir.resolve(deb));
    Path changes = dir.resolve(source + "_" + version + "_" + arch + ".changes");
    Files.writeString(changes, changesText(source, version, arch, List.of(dir.resolve(deb))));
    return changes;
  }

  /** A deb-mock result directory: the upload plus result.json and two logs. */
  public static Path resultDir(Path dir, String source, String version, String payload)
      throws IOException {
    changes(dir, source, version, "amd64", payload);
    Files.writeString(
        dir.resolve("build.log"), "dpkg-buildpackage: info: source package " + source);
    Files.writeString(dir.resolve("root.log"), "mmdebstrap: done");
    Files.writeString(
        dir.resolve("result.json"),
        "{\"schema_version\": 1, \"status\": \"succeeded\", \"source\": {\"name\": \""
            + source
            + "\", \"version\": \""
            + version
            + "\"}, \"logs\": [\"build.log\", \"root.log\"]}\n");
    return dir;
  }

  public static String changesText(String source, String version, String arch, List<Path> files)
      throws IOException {
    return changesText(source, version, arch, source, files);
  }

  /**
   * One architecture's deb-mock result of {@code source} (issue 13): {@code source_V_ARCH.deb}, and
   * with {@code withAll} also {@code source-doc_V_all.deb} (payload {@code allPayload}), the
   * .changes for them (Architecture {@code ARCH [all]}), result.json and build.log.
   */
  public static Path archResult(
      Path dir, String source, String version, String arch, String payload, String allPayload)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> debs = new ArrayList<>();
    debs.add(deb(dir, source, version, arch, payload));
    String binary = source;
    String arches = arch;
    if (allPayload != null) {
      debs.add(deb(dir, source + "-doc", version, "all", allPayload, "Source", source));
      binary = source + " " + source + "-doc";
      arches = arch + " all";
    }
    Path changes = dir.resolve(source + "_" + version + "_" + arch + ".changes");
    Files.writeString(changes, changesText(source, version, arches, binary, debs));
    Files.writeString(dir.resolve("build.log"), "dpkg-buildpackage: host architecture " + arch);
    Files.writeString(
        dir.resolve("result.json"),
        "{\"schema_version\": 1, \"status\": \"succeeded\", \"source\": {\"name\": \""
            + source
            + "\", \"version\": \""
            + version
            + "\"}, \"chroot\": {\"architecture\": \""
            + arch
            + "\"}, \"logs\": [\"build.log\"]}\n");
    return dir;
  }

  /** {@code PKG_VERSION_ARCH.deb} in {@code dir}, written by DebWriter; extra control fields. */
  public static Path deb(
      Path dir, String pkg, String version, String arch, String payload, String... fields)
      throws IOException {
    return debAt(dir, pkg, version, arch, "usr/share/doc/" + pkg + "/payload", payload, fields);
  }

  /** As {@link #deb}, with {@code payload} at {@code path} in the package. */
  public static Path debAt(
      Path dir,
      String pkg,
      String version,
      String arch,
      String path,
      String payload,
      String... fields)
      throws IOException {
    Paragraph control =
        Paragraph.of(
            "Package", pkg,
            "Version", version,
            "Architecture", arch,
            "Maintainer", "Debforge Tests <tests@debforge.invalid>",
            "Description", "test package for deb-orchestrator");
    for (int i = 0; i < fields.length; i += 2) {
      control.set(fields[i], fields[i + 1]);
    }
    Path out = dir.resolve(pkg + "_" + version + "_" + arch + ".deb");
    DebWriter.of(control)
        .mtime(1_716_201_296L)
        .file(path, 0644, payload.getBytes(StandardCharsets.UTF_8))
        .write(out);
    return out;
  }

  /** The .changes dpkg-genchanges would write: Architecture and Binary as given (words). */
  public static String changesText(
      String source, String version, String arch, String binary, List<Path> files)
      throws IOException {
    List<String> sha1 = new ArrayList<>();
    List<String> sha256 = new ArrayList<>();
    List<String> md5 = new ArrayList<>();
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      String n = f.getFileName().toString();
      sha1.add(" " + hex("SHA-1", b) + " " + b.length + " " + n);
      sha256.add(" " + hex("SHA-256", b) + " " + b.length + " " + n);
      md5.add(" " + hex("MD5", b) + " " + b.length + " misc optional " + n);
    }
    return "Format: 1.8\n"
        + "Date: Mon, 20 May 2024 12:34:56 +0200\n"
        + "Source: "
        + source
        + "\n"
        + "Binary: "
        + binary
        + "\n"
        + "Architecture: "
        + arch
        + "\n"
        + "Version: "
        + version
        + "\n"
        + "Distribution: trixie\n"
        + "Urgency: medium\n"
        + "Maintainer: Debforge Tests <tests@debforge.invalid>\n"
        + "Changed-By: Debforge Tests <tests@debforge.invalid>\n"
        + "Description:\n "
        + source
        + " - test package for deb-orchestrator\n"
        + "Changes:\n "
        + source
        + " ("
        + version
        + ") trixie; urgency=medium\n .\n   * Test.\n"
        + "Checksums-Sha1:\n"
        + String.join("\n", sha1)
        + "\n"
        + "Checksums-Sha256:\n"
        + String.join("\n", sha256)
        + "\n"
        + "Files:\n"
        + String.join("\n", md5)
        + "\n";
  }

  /**
   * A .deb written member by member, as no honest tool would: {@code control} is the text of {@code
   * ./control} as given, {@code dataEntries} are {@code name, content} pairs put into an
   * uncompressed data.tar under exactly those names (so {@code ../x} and {@code /x} too).
   */
  public static Path rawDeb(Path out, String control, String... dataEntries) throws IOException {
    byte[] controlTar = tar("./control", control);
    byte[] dataTar = tar(dataEntries);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(out))) {
      member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      member(ar, "control.tar", controlTar);
      member(ar, "data.tar", dataTar);
    }
    return out;
  }

  /** The control paragraph of a small package, for {@link #rawDeb}. */
  public static String control(String pkg, String version, String arch, String extra) {
    return "Package: "
        + pkg
        + "\nVersion: "
        + version
        + "\nArchitecture: "
        + arch
        + "\nMaintainer: Debforge Tests <tests@debforge.invalid>\n"
        + extra
        + "Description: test package\n";
  }

  /** Writes {@code NAME.changes} in {@code dir} listing {@code files} for {@code source}. */
  public static Path changesFor(
      Path dir, String name, String source, String version, String arch, List<Path> files)
      throws IOException {
    Path changes = dir.resolve(name);
    Files.writeString(changes, changesText(source, version, arch, files));
    return changes;
  }

  private static void member(ArArchiveOutputStream ar, String name, byte[] b) throws IOException {
    ar.putArchiveEntry(new ArArchiveEntry(name, b.length, 0, 0, 0100644, 0));
    ar.write(b);
    ar.closeArchiveEntry();
  }

  private static byte[] tar(String... nameContent) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      for (int i = 0; i < nameContent.length; i += 2) {
        byte[] b = nameContent[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(nameContent[i], true);
        e.setSize(b.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
      }
    }
    return buf.toByteArray();
  }

  private static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
