package org.debforge.compose.ostree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Checks a converted tree before it is committed: a commit that breaks one of these rules either
 * fails in {@code ostree commit} (device nodes) or deploys into a system that does not boot or
 * loses state at the next update, which is far later and far harder to trace.
 */
public final class TreeLint {
  private TreeLint() {}

  /** One broken rule: the path (from the tree's {@code /}), the rule's name and what is wrong. */
  public record Violation(String path, String rule, String detail) {
    @Override
    public String toString() {
      return path + ": " + rule + ": " + detail;
    }
  }

  /** Throws COMPOSE_FAILED naming every violation, or returns when the tree is clean. */
  public static void require(Path tree) {
    List<Violation> v = check(tree);
    if (!v.isEmpty()) {
      StringBuilder m = new StringBuilder("ostree: the tree " + tree + " breaks " + v.size());
      m.append(v.size() == 1 ? " rule:" : " rules:");
      v.forEach(x -> m.append("\n  ").append(x));
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          m.toString(),
          "docs/compose-ostree.md lists the rules and why each exists");
    }
  }

  /** Every rule the tree breaks, in a fixed order. */
  public static List<Violation> check(Path tree) {
    try {
      List<Violation> v = new ArrayList<>();
      etc(tree, v);
      dpkg(tree, v);
      emptyDir(
          tree, "var", "var-empty", "recreated at boot by tmpfiles.d; ostree ships it empty", v);
      emptyDir(tree, "boot", "boot-empty", "the kernel belongs in /usr/lib/modules/KVER", v);
      for (String d : new TreeMap<>(TreeLayout.EMPTY_DIRS).keySet()) {
        emptyDir(tree, d, "api-dir-empty", "mounted at boot; the commit holds it empty", v);
      }
      for (Map.Entry<String, String> e : new TreeMap<>(TreeLayout.VAR_LINKS).entrySet()) {
        link(tree, e.getKey(), e.getValue(), "var-link", v);
      }
      emptyDir(tree, "sysroot", "sysroot", "the physical root is mounted there", v);
      link(tree, "ostree", "sysroot/ostree", "sysroot", v);
      for (String d : TreeLayout.MERGED_USR) {
        Path p = tree.resolve(d);
        if (Trees.exists(p) && !Files.isSymbolicLink(p)) {
          v.add(new Violation("/" + d, "merged-usr", "a folder, not a link into /usr"));
        }
      }
      kernel(tree, v);
      Path machineId = tree.resolve("usr/etc/machine-id");
      if (Files.isRegularFile(machineId, LinkOption.NOFOLLOW_LINKS) && Files.size(machineId) > 0) {
        v.add(
            new Violation(
                "/usr/etc/machine-id", "machine-id", "not empty: machines would share it"));
      }
      specialFiles(tree, v);
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void etc(Path tree, List<Violation> v) {
    if (Trees.exists(tree.resolve("etc"))) {
      v.add(new Violation("/etc", "etc-in-usr", "present: the configuration ships as /usr/etc"));
    }
    if (!Trees.isDir(tree.resolve("usr/etc"))) {
      v.add(new Violation("/usr/etc", "etc-in-usr", "missing: ostree merges /etc from it"));
    }
  }

  private static void dpkg(Path tree, List<Violation> v) throws IOException {
    if (!Files.isRegularFile(tree.resolve(TreeLayout.DPKG).resolve("status"))) {
      v.add(
          new Violation(
              "/" + TreeLayout.DPKG,
              "dpkg-in-usr",
              "no status file: the database is not under /usr"));
    }
    boolean linked = false;
    Path conf = tree.resolve(TreeLayout.TMPFILES);
    if (Files.isRegularFile(conf, LinkOption.NOFOLLOW_LINKS)) {
      for (String l : Files.readAllLines(conf)) {
        String[] w = l.trim().split("\\s+");
        linked |= w.length == 7 && w[0].startsWith("L") && w[1].equals("/var/lib/dpkg");
      }
    }
    if (!linked) {
      v.add(
          new Violation(
              "/" + TreeLayout.TMPFILES, "dpkg-in-usr", "no L line making /var/lib/dpkg"));
    }
  }

  private static void emptyDir(Path tree, String d, String rule, String why, List<Violation> v)
      throws IOException {
    Path p = tree.resolve(d);
    if (!Trees.isDir(p)) {
      v.add(new Violation("/" + d, rule, "not a folder: " + why));
    } else if (!Trees.isEmptyDir(p)) {
      v.add(new Violation("/" + d, rule, "not empty: " + why));
    }
  }

  private static void link(Path tree, String path, String target, String rule, List<Violation> v)
      throws IOException {
    Path p = tree.resolve(path);
    if (!Files.isSymbolicLink(p)) {
      v.add(new Violation("/" + path, rule, "not a link to " + target));
    } else if (!Files.readSymbolicLink(p).toString().equals(target)) {
      v.add(
          new Violation(
              "/" + path, rule, "links to " + Files.readSymbolicLink(p) + ", not " + target));
    }
  }

  /** ostree deploys exactly one kernel, found as vmlinuz beside its initramfs. */
  private static void kernel(Path tree, List<Violation> v) throws IOException {
    Path modules = tree.resolve("usr/lib/modules");
    if (!Trees.isDir(modules)) {
      return;
    }
    List<Path> kernels;
    try (Stream<Path> s = Files.list(modules)) {
      kernels = s.filter(k -> Trees.exists(k.resolve("vmlinuz"))).sorted().toList();
    }
    if (kernels.size() > 1) {
      v.add(
          new Violation(
              "/usr/lib/modules", "kernel", kernels.size() + " kernels: exactly one boots"));
    }
    for (Path k : kernels) {
      if (!Files.isRegularFile(k.resolve("initramfs.img"), LinkOption.NOFOLLOW_LINKS)) {
        v.add(
            new Violation(
                "/" + tree.relativize(k) + "/initramfs.img", "kernel", "missing beside vmlinuz"));
      }
    }
  }

  /** ostree commit refuses device nodes, sockets and fifos. */
  private static void specialFiles(Path tree, List<Violation> v) throws IOException {
    Files.walkFileTree(
        tree,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            if (a.isOther()) {
              v.add(
                  new Violation(
                      "/" + tree.relativize(f),
                      "special-file",
                      "a device, socket or fifo: ostree commit refuses it"));
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
