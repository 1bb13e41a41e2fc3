package org.debforge.core.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code apt-get install -s} over a private APT setup: one Packages index (placed in the lists
 * directory under the name apt gives it), a dpkg status file, no host configuration, sources,
 * preferences or pins. Thread-safe: each call is its own apt-get process.
 */
final class AptOracle {
  final Path dir;
  final Path config;
  final Path status;

  /** Answers: sorted "Inst name version" / "Remv name" lines, or unsatisfiable with apt's words. */
  record Answer(boolean satisfiable, TreeSet<String> lines, String output) {}

  /**
   * @param mirror the archive URL the index came from (apt names list files after it)
   * @param packages the uncompressed Packages file of {@code suite}/main/binary-{@code arch}
   * @param release the suite's InRelease or Release file
   */
  AptOracle(Path dir, String mirror, String suite, String arch, Path packages, Path release)
      throws IOException {
    this(dir, mirror, suite, java.util.Map.of(arch, packages), arch, release);
  }

  /**
   * A multi-architecture setup: {@code packagesByArch} maps each architecture (the native one
   * {@code nativeArch}, the others foreign) to its Packages file.
   */
  AptOracle(
      Path dir,
      String mirror,
      String suite,
      java.util.Map<String, Path> packagesByArch,
      String nativeArch,
      Path release)
      throws IOException {
    // apt resolves relative Dir:: paths against their parent setting, not the working directory.
    dir = dir.toAbsolutePath();
    this.dir = dir;
    Path lists = Files.createDirectories(dir.resolve("lists/partial")).getParent();
    Files.createDirectories(dir.resolve("cache/archives/partial"));
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.createDirectories(etc.resolve("empty.d"));
    Files.createDirectories(dir.resolve("state"));
    Files.createDirectories(dir.resolve("log"));
    // apt's URItoFileName: the URL without its scheme, '/' turned into '_'.
    String base = mirror.replaceFirst("^[a-z+]+://", "").replaceAll("/+$", "").replace('/', '_');
    for (var e : packagesByArch.entrySet()) {
      Files.copy(
          e.getValue(),
          lists.resolve(base + "_dists_" + suite + "_main_binary-" + e.getKey() + "_Packages"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> archs = new ArrayList<>(List.of(nativeArch));
    packagesByArch.keySet().stream()
        .filter(a -> !a.equals(nativeArch))
        .sorted()
        .forEach(archs::add);
    String arch = nativeArch;
    Files.copy(
        release,
        lists.resolve(
            base
                + "_dists_"
                + suite
                + "_"
                + release.getFileName().toString().replaceAll(".*(InRelease|Release)$", "$1")),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        etc.resolve("sources.list"),
        "deb [trusted=yes arch="
            + String.join(",", archs)
            + "] "
            + mirror
            + " "
            + suite
            + " main\n");
    status = dir.resolve("status");
    if (!Files.exists(status)) {
      Files.writeString(status, "");
    }
    config = dir.resolve("apt.conf");
    String empty = etc.resolve("empty.d").toString();
    Files.writeString(
        config,
        String.join(
            "\n",
            "Dir::Etc::Parts \"" + empty + "\";",
            "Dir::Etc::Preferences \"" + etc.resolve("preferences") + "\";",
            "Dir::Etc::PreferencesParts \"" + empty + "\";",
            "Dir::Etc::SourceList \"" + etc.resolve("sources.list") + "\";",
            "Dir::Etc::SourceParts \"" + empty + "\";",
            "Dir::State \"" + dir.resolve("state") + "\";",
            "Dir::State::Lists \"" + lists + "\";",
            "Dir::State::status \"" + status + "\";",
            "Dir::Cache \"" + dir.resolve("cache") + "\";",
            "Dir::Log \"" + dir.resolve("log") + "\";",
            "APT::Architecture \"" + arch + "\";",
            "APT::Architectures { \"" + String.join("\"; \"", archs) + "\"; };",
            "APT::Install-Recommends \"false\";",
            "Debug::NoLocking \"true\";",
            ""));
  }

  Answer install(List<String> args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("apt-get", "install", "-s", "-q", "--no-install-recommends"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("APT_CONFIG", config.toString());
    pb.environment().put("LC_ALL", "C.UTF-8");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("apt-get timed out: " + cmd);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    TreeSet<String> lines = new TreeSet<>();
    for (String l : text.split("\n")) {
      String[] w = l.split(" ");
      if (l.startsWith("Inst ") && w.length >= 3) {
        lines.add("Inst " + w[1] + " " + w[2].substring(1));
      } else if (l.startsWith("Remv ")) {
        lines.add("Remv " + w[1]);
      }
    }
    return new Answer(p.exitValue() == 0, lines, text);
  }

  /**
   * The stanzas of a hand-written index with the Filename and Size apt needs to call a version
   * downloadable (apt-get -s refuses versions it could not fetch).
   */
  static String downloadable(String packages) {
    StringBuilder sb = new StringBuilder();
    for (String stanza : packages.strip().split("\n\n")) {
      String name = stanza.lines().filter(l -> l.startsWith("Package: ")).findFirst().orElseThrow();
      String version =
          stanza.lines().filter(l -> l.startsWith("Version: ")).findFirst().orElseThrow();
      sb.append(stanza)
          .append("\nFilename: pool/main/")
          .append(name.substring(9))
          .append('_')
          .append(version.substring(9))
          .append(".deb\nSize: 1000\n\n");
    }
    return sb.toString();
  }

  /** Our answer in the same shape. */
  static TreeSet<String> lines(Resolution r) {
    TreeSet<String> lines = new TreeSet<>();
    for (PackageVersion v : r.install()) {
      lines.add("Inst " + v.name() + (v.pkg.foreign ? ":" + v.arch() : "") + " " + v.version());
    }
    for (PackageVersion v : r.remove()) {
      lines.add("Remv " + v.name() + (v.pkg.foreign ? ":" + v.arch() : ""));
    }
    return lines;
  }

  /** A dpkg status file: these stanzas of the index, as installed. */
  static String statusOf(Path packages, java.util.Map<String, String> versions) throws IOException {
    StringBuilder sb = new StringBuilder();
    String text = Files.readString(packages);
    for (String stanza : text.split("\n\n")) {
      if (!stanza.startsWith("Package: ")) {
        continue;
      }
      int nl = stanza.indexOf('\n');
      String name = stanza.substring(9, nl).strip();
      int vi = stanza.indexOf("\nVersion: ");
      String version = stanza.substring(vi + 10, stanza.indexOf('\n', vi + 1)).strip();
      if (!version.equals(versions.get(name))) {
        continue;
      }
      sb.append(stanza, 0, nl + 1).append("Status: install ok installed\n");
      for (String line : stanza.substring(nl + 1).split("\n")) {
        if (!line.startsWith("Filename:")
            && !line.startsWith("Size:")
            && !line.startsWith("MD5sum:")
            && !line.startsWith("SHA256:")
            && !line.startsWith("Description-md5:")) {
          sb.append(line).append('\n');
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
