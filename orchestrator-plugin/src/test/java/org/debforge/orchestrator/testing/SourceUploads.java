package org.debforge.orchestrator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * deb-mock results of one real source package, {@code hello-multi 1.0} (a {@code 3.0 (native)}
 * source built by the real {@code dpkg-source -b}), for two architectures (issue 13 parts 1 and 2).
 * Each result directory holds what deb-mock keeps: the binary-only .changes and the .debs it lists,
 * the .dsc and its tarball (result.json artifacts of kind {@code dsc} and {@code source}),
 * result.json and build.log. The binary packages are written from code (DebWriter), not built by
 * deb-mock.
 *
 * <p>The amd64 result also has {@code hello-multi-doc} (all) and {@code hello-multi-dbgsym}.
 */
public final class SourceUploads {
  public static final String SOURCE = "hello-multi";
  public static final String VERSION = "1.0";

  private SourceUploads() {}

  /** The source package, built with dpkg-source into {@code dir}; returns the .dsc. */
  public static Path source(Path dir) throws IOException, InterruptedException {
    Path tree = dir.resolve("src/" + SOURCE + "-" + VERSION);
    Files.createDirectories(tree.resolve("debian/source"));
    Files.writeString(tree.resolve("debian/source/format"), "3.0 (native)\n");
    Files.writeString(
        tree.resolve("debian/control"),
        "Source: "
            + SOURCE
            + "\nSection: misc\nPriority: optional\n"
            + "Maintainer: Debforge Tests <tests@debforge.invalid>\n"
            + "Standards-Version: 4.6.2\n\n"
            + "Package: "
            + SOURCE
            + "\nArchitecture: any\nMulti-Arch: same\nDescription: multi-arch test package\n"
            + " Built once per architecture.\n\n"
            + "Package: "
            + SOURCE
            + "-doc\nArchitecture: all\nDescription: multi-arch test package (doc)\n"
            + " Built once.\n");
    Files.writeString(
        tree.resolve("debian/changelog"),
        SOURCE
            + " ("
            + VERSION
            + ") trixie; urgency=medium\n\n  * Test.\n\n"
            + " -- Debforge Tests <tests@debforge.invalid>  Mon, 20 May 2024 12:34:56 +0200\n");
    Files.writeString(tree.resolve("debian/rules"), "#!/usr/bin/make -f\n%:\n\tdh $@\n");
    Files.writeString(tree.resolve("README"), "hello, multi-arch\n");
    Process p =
        new ProcessBuilder("dpkg-source", "-b", tree.getFileName().toString())
            .directory(tree.getParent().toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("dpkg-source -b failed: " + out);
    }
    return tree.getParent().resolve(SOURCE + "_" + VERSION + ".dsc");
  }

  /** A deb-mock result directory for {@code arch} with the source kept beside it. */
  public static Path result(Path dir, Path dsc, String arch, boolean withAllAndDebug)
      throws IOException {
    Files.createDirectories(dir);
    String triplet = arch.equals("i386") ? "i386-linux-gnu" : "x86_64-linux-gnu";
    List<Path> debs = new ArrayList<>();
    debs.add(
        Uploads.debAt(
            dir,
            SOURCE,
            VERSION,
            arch,
            "usr/lib/" + triplet + "/" + SOURCE + "/arch",
            arch,
            "Multi-Arch",
            "same"));
    String binary = SOURCE;
    String arches = arch;
    if (withAllAndDebug) {
      debs.add(
          Uploads.debAt(
              dir,
              SOURCE + "-doc",
              VERSION,
              "all",
              "usr/share/doc/" + SOURCE + "-doc/README",
              "doc",
              "Source",
              SOURCE));
      debs.add(
          Uploads.debAt(
              dir,
              SOURCE + "-dbgsym",
              VERSION,
              arch,
              "usr/lib/debug/.build-id/ab/cdef.debug",
              "symbols",
              "Source",
              SOURCE,
              "Section",
              "debug",
              "Auto-Built-Package",
              "debug-symbols"));
      binary = SOURCE + " " + SOURCE + "-dbgsym " + SOURCE + "-doc";
      arches = arch + " all";
    }
    Files.writeString(
        dir.resolve(SOURCE + "_" + VERSION + "_" + arch + ".changes"),
        Uploads.changesText(SOURCE, VERSION, arches, binary, debs));
    StringBuilder artifacts = new StringBuilder();
    try (Stream<Path> files = Files.list(dsc.getParent())) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
        String kind = f.getFileName().toString().endsWith(".dsc") ? "dsc" : "source";
        artifacts
            .append(artifacts.length() == 0 ? "" : ", ")
            .append("{\"name\": \"")
            .append(f.getFileName())
            .append("\", \"kind\": \"")
            .append(kind)
            .append("\", \"size\": ")
            .append(Files.size(f))
            .append(", \"sha256\": \"")
            .append(sha256(f))
            .append("\"}");
      }
    }
    Files.writeString(dir.resolve("build.log"), "dpkg-buildpackage: host architecture " + arch);
    Files.writeString(
        dir.resolve("result.json"),
        "{\"schema_version\": 1, \"status\": \"succeeded\", \"source\": {\"name\": \""
            + SOURCE
            + "\", \"version\": \""
            + VERSION
            + "\"}, \"chroot\": {\"architecture\": \""
            + arch
            + "\"}, \"artifacts\": ["
            + artifacts
            + "], \"logs\": [\"build.log\"]}\n");
    return dir;
  }

  private static String sha256(Path f) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
