package org.debforge.ostree.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.debforge.ostree.tool.Tool;
import org.debforge.ostree.tool.Trees;

/**
 * Folds an overlay's upper folder into the lower checkout, the way the overlay showed the merge: a
 * whiteout (a 0/0 character device) deletes the path, an opaque folder replaces the folder, any
 * other file replaces the checkout's entry by rename (so a hard-linked object is never opened for
 * writing), folders get the upper's mode and owner. The overlay's own {@code trusted.overlay.*}
 * attributes are removed first: ostree commits extended attributes, and these describe our scratch
 * mount, not the system.
 */
final class UpperDir {
  private final Path upper;
  private final Path tree;
  private final Tool tool;

  UpperDir(Path upper, Path tree, Tool tool) {
    this.upper = upper;
    this.tree = tree;
    this.tool = tool;
  }

  /**
   * Applies the upper folder.
   *
   * @param skip relative paths not applied (the sandbox's mount points)
   * @param divert relative path prefixes handed to {@code diverted} instead (the /var entries)
   * @return the relative paths of the diverted entries, in walk order (parents first)
   */
  List<String> apply(Set<String> skip, String divert) throws IOException {
    Map<String, Set<String>> overlayAttrs = overlayAttrs();
    for (Map.Entry<String, Set<String>> e : overlayAttrs.entrySet()) {
      for (String name : e.getValue()) {
        tool.check(List.of("setfattr", "-h", "-x", name, e.getKey()), "drop " + name);
      }
    }
    Set<Path> opaque = new HashSet<>();
    overlayAttrs.forEach(
        (p, names) -> {
          if (names.contains("trusted.overlay.opaque")) {
            opaque.add(Path.of(p));
          }
        });
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(upper)) {
      walk.filter(p -> !p.equals(upper)).sorted().forEach(entries::add);
    }
    List<String> diverted = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    for (Path u : entries) {
      String rel = upper.relativize(u).toString();
      if (skip.contains(rel) || skip.stream().anyMatch(s -> rel.startsWith(s + "/"))) {
        continue;
      }
      if (!Files.exists(u, LinkOption.NOFOLLOW_LINKS)) {
        continue; // under a folder already moved
      }
      if (rel.equals(divert) || rel.startsWith(divert + "/")) {
        diverted.add(rel);
        continue;
      }
      Path t = tree.resolve(rel);
      if (whiteout(u)) {
        Trees.delete(t);
        continue;
      }
      if (Files.isDirectory(u, LinkOption.NOFOLLOW_LINKS)) {
        if (opaque.contains(u)
            || Files.exists(t, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
          Trees.delete(t);
        }
        if (!Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(t);
        }
        dirs.add(u);
        continue;
      }
      if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
        Trees.delete(t);
      }
      Files.move(u, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    // Folder metadata last, deepest first, so a folder made read-only does not stop its children.
    dirs.sort(Comparator.reverseOrder());
    for (Path u : dirs) {
      Path t = tree.resolve(upper.relativize(u).toString());
      Files.setPosixFilePermissions(t, Files.getPosixFilePermissions(u, LinkOption.NOFOLLOW_LINKS));
      Files.setAttribute(
          t, "unix:uid", Files.getAttribute(u, "unix:uid", LinkOption.NOFOLLOW_LINKS));
      Files.setAttribute(
          t, "unix:gid", Files.getAttribute(u, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }
    return diverted;
  }

  static boolean whiteout(Path p) throws IOException {
    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
        || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
        || Files.isSymbolicLink(p)) {
      return false;
    }
    int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    long rdev =
        ((Number) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue();
    return (mode & 0170000) == 0020000 && rdev == 0;
  }

  /** Every path of the upper folder carrying a {@code trusted.overlay.} attribute, with them. */
  private Map<String, Set<String>> overlayAttrs() {
    Tool.Result r =
        tool.run(
            List.of(
                "getfattr",
                "-R",
                "-P",
                "-h",
                "--absolute-names",
                "-m",
                "^trusted\\.overlay\\.",
                upper.toString()));
    // -h: a link's own attributes; a dangling link (uuidd.socket's enablement) is no error.
    if (r.exit() != 0) {
      throw tool.failed("list the overlay's attributes", List.of("getfattr"), r);
    }
    Map<String, Set<String>> out = new HashMap<>();
    String file = null;
    for (String line : r.stdout().lines().toList()) {
      if (line.startsWith("# file: ")) {
        file = line.substring(8);
      } else if (file != null && line.startsWith("trusted.overlay.")) {
        int eq = line.indexOf('=');
        out.computeIfAbsent(file, f -> new HashSet<>())
            .add(eq < 0 ? line.strip() : line.substring(0, eq));
      }
    }
    return out;
  }
}
