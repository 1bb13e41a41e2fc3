package org.debforge.debmock.lock;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/**
 * The packages of a root as dpkg and apt record them, read from their databases directly: no
 * process runs inside the root, so this works on a root that is broken or not mounted.
 */
public final class InstalledPackages {
  /** One line of installed_pkgs.log / available_pkgs.log. */
  public record Entry(String name, String version, String architecture) {
    static final Comparator<Entry> ORDER =
        Comparator.comparing(Entry::name)
            .thenComparing(Entry::architecture)
            .thenComparing(Entry::version);

    public String line() {
      return name + " " + version + " " + architecture;
    }
  }

  /** dpkg states in which nothing of the package is on disk (dpkg-query(1) "Package states"). */
  private static final Set<String> ABSENT = Set.of("not-installed", "config-files");

  private InstalledPackages() {}

  /** dpkg's status database inside a root. */
  public static Path statusFile(Path root) {
    return root.resolve("var/lib/dpkg/status");
  }

  /**
   * Every package dpkg has (some of) on disk: status other than {@code not-installed} and {@code
   * config-files}, as {@code dpkg-query -W} shows them with those filtered out.
   */
  public static List<Entry> installed(Path statusFile) {
    List<Entry> out = new ArrayList<>();
    for (Paragraph p : Deb822.read(statusFile)) {
      String status = p.require("Status");
      String[] words = status.trim().split("\\s+");
      if (words.length != 3) {
        throw p.error("Status", "expected 'want flag status', got '" + status + "'", null);
      }
      if (!ABSENT.contains(words[2])) {
        out.add(new Entry(p.require("Package"), p.require("Version"), p.require("Architecture")));
      }
    }
    out.sort(Entry.ORDER);
    return out;
  }

  /** Every package in the root's apt lists ({@code var/lib/apt/lists/*_Packages}), once. */
  public static List<Entry> available(Path root) {
    Path lists = root.resolve("var/lib/apt/lists");
    Set<Entry> out = new TreeSet<>(Entry.ORDER);
    if (!Files.isDirectory(lists)) {
      return List.of();
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(lists, "*_Packages")) {
      for (Path f : files) {
        String text = Files.readString(f);
        Deb822.forEach(
            text,
            f.toString(),
            Deb822.Options.STRICT,
            p ->
                out.add(
                    new Entry(
                        p.require("Package"), p.require("Version"), p.require("Architecture"))));
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot read apt lists in " + lists + ": " + e.getMessage(), null, e);
    }
    return List.copyOf(out);
  }

  /** The log text: one {@code name version architecture} line per package. */
  public static String format(List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries) {
      sb.append(e.line()).append('\n');
    }
    return sb.toString();
  }
}
