package org.debforge.ostree.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.ostree.tool.Tool;

/**
 * The Packages indexes of the layer's sources, fetched and verified by the host's {@code apt-get
 * update} in a private state folder: apt checks the Release signature against the keyring and every
 * index's checksum, which is the part of APT we would otherwise rewrite. The host's APT
 * configuration (proxy) applies; its sources and state do not.
 *
 * @param dir the private state (kept in the cache: a later layering with {@code --cache-only} works
 *     offline)
 */
public record AptIndexes(Path dir, String arch, Path keyring) {

  /** One source's Packages files, in source order. */
  public record Index(AptSource source, Path packages) {}

  /** Runs apt-get update unless {@code cacheOnly}; returns the Packages files per source. */
  public List<Index> update(List<AptSource> sources, boolean cacheOnly, Tool tool) {
    if (sources.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "no APT sources to layer packages from",
          "the base commit carries none (no debforge.lock); give --source 'URI SUITE COMPONENT'");
    }
    try {
      Files.createDirectories(dir.resolve("state/lists/partial"));
      Files.createDirectories(dir.resolve("cache/archives/partial"));
      Files.createDirectories(dir.resolve("empty"));
      if (!Files.exists(dir.resolve("status"))) {
        Files.writeString(dir.resolve("status"), "");
      }
      StringBuilder list = new StringBuilder();
      for (AptSource s : sources) {
        list.append("deb [signed-by=")
            .append(keyring)
            .append(" arch=")
            .append(arch)
            .append("] ")
            .append(s.uri())
            .append(' ')
            .append(s.suite())
            .append(' ')
            .append(String.join(" ", s.components()))
            .append('\n');
      }
      Path tmp = dir.resolve("sources.list.tmp");
      Files.writeString(tmp, list);
      Files.move(
          tmp,
          dir.resolve("sources.list"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, dir + ": " + e.getMessage(), null, e);
    }
    if (!cacheOnly) {
      if (!Files.isRegularFile(keyring)) {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND,
            "keyring " + keyring + " does not exist",
            "install debian-archive-keyring or give --keyring FILE");
      }
      dropUnreadable();
      List<String> c = new ArrayList<>(List.of("apt-get", "update", "-q"));
      c.addAll(options());
      tool.check(c, "apt-get update of the layer's sources");
    }
    List<Index> out = new ArrayList<>();
    for (AptSource s : sources) {
      for (Path p : packagesFiles(s)) {
        out.add(new Index(s, p));
      }
    }
    if (out.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "no Packages index of " + sources + " in " + dir.resolve("state/lists"),
          cacheOnly ? "run once without --cache-only" : "check the sources' suites and components");
    }
    return out;
  }

  /** The options that keep apt-get to our own files. */
  List<String> options() {
    List<String> o = new ArrayList<>();
    for (String[] kv :
        new String[][] {
          {"Dir::Etc::SourceList", dir.resolve("sources.list").toString()},
          {"Dir::Etc::SourceParts", dir.resolve("empty").toString()},
          {"Dir::Etc::PreferencesParts", dir.resolve("empty").toString()},
          {"Dir::Etc::Preferences", dir.resolve("empty/none").toString()},
          {"Dir::State", dir.resolve("state").toString()},
          {"Dir::State::status", dir.resolve("status").toString()},
          {"Dir::Cache", dir.resolve("cache").toString()},
          {"APT::Architecture", arch},
          {"APT::Architectures", arch},
          {"Acquire::Languages", "none"},
          // Plain indexes: a host's GzipIndexes (Debian's docker images set it) keeps them lz4.
          {"Acquire::GzipIndexes", "false"},
          {"Debug::NoLocking", "true"},
          {"APT::Sandbox::User", "root"},
        }) {
      o.add("-o");
      o.add(kv[0] + "=" + kv[1]);
    }
    return o;
  }

  /**
   * Removes indexes kept in a compression the resolver does not read (lz4 from a host's
   * GzipIndexes): apt-get, told not to compress, fetches them again as plain files.
   */
  private void dropUnreadable() {
    try (Stream<Path> files = Files.list(dir.resolve("state/lists"))) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().matches(".*_Packages\\.(lz4|zst|bz2|lzma)")) {
          Files.delete(f);
        }
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, dir + ": " + e.getMessage(), null, e);
    }
  }

  private List<Path> packagesFiles(AptSource s) {
    Path lists = dir.resolve("state/lists");
    try (Stream<Path> files = Files.list(lists)) {
      return files
          .filter(
              f -> {
                String n = f.getFileName().toString();
                return n.startsWith(s.listsPrefix() + "_")
                    && n.matches(".*_binary-" + arch + "_Packages(\\.gz|\\.xz)?");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, lists + ": " + e.getMessage(), null, e);
    }
  }
}
