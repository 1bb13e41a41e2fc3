package org.debforge.compose.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * bootc's fatal container lints ({@code bootc container lint}, lib/src/lints.rs), reproduced
 * because bootc is not packaged in Debian 12. Each check keeps bootc's name so that a failure reads
 * as bootc's would; where ours is stricter, docs/compose-oci.md says so and why.
 */
public final class BootcLint {
  private BootcLint() {}

  /** The checks, in bootc's order (sorted by name, as bootc runs them). */
  public static final List<String> CHECKS =
      List.of(
          "api-base-directories",
          "baseimage-root",
          "bootc-kargs",
          "etc-usretc",
          "kernel",
          "utf8",
          "var-run");

  /** systemd's API file systems, and /var, which bootc requires as a folder too. */
  static final List<String> API_DIRS = List.of("dev", "proc", "sys", "run", "tmp", "var");

  /** One failed check: bootc's name for it, the offending path and what is wrong. */
  public record Violation(String check, String path, String detail) {
    @Override
    public String toString() {
      return check + ": " + path + ": " + detail;
    }
  }

  /** Throws COMPOSE_FAILED naming every failed check and path, or returns when the tree passes. */
  public static void require(Path tree) {
    List<Violation> v = check(tree);
    if (!v.isEmpty()) {
      StringBuilder m = new StringBuilder("oci: the image tree " + tree + " fails bootc's lint:");
      v.forEach(x -> m.append("\n  ").append(x));
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          m.toString(),
          "docs/compose-oci.md says what each check wants; the tree is the ostree commit's");
    }
  }

  /** Every failed check, in {@link #CHECKS} order. */
  public static List<Violation> check(Path tree) {
    try {
      List<Violation> v = new ArrayList<>();
      apiDirs(tree, v);
      baseimageRoot(tree, v);
      KargsD.check(tree).forEach(p -> v.add(new Violation("bootc-kargs", p.path(), p.detail())));
      etc(tree, v);
      kernel(tree, v);
      utf8(tree, v);
      varRun(tree, v);
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void apiDirs(Path tree, List<Violation> v) {
    for (String d : API_DIRS) {
      Path p = tree.resolve(d);
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        v.add(new Violation("api-base-directories", "/" + d, "missing API base directory"));
      } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        v.add(new Violation("api-base-directories", "/" + d, "not a directory"));
      }
    }
  }

  /** A deployment mounts the physical root at /sysroot, and /ostree reaches its repository. */
  private static void baseimageRoot(Path tree, List<Violation> v) throws IOException {
    Path sysroot = tree.resolve("sysroot");
    if (!Files.isDirectory(sysroot, LinkOption.NOFOLLOW_LINKS)) {
      v.add(
          new Violation(
              "baseimage-root",
              "/sysroot",
              Files.exists(sysroot, LinkOption.NOFOLLOW_LINKS) ? "not a directory" : "missing"));
    }
    Path ostree = tree.resolve("ostree");
    if (!Files.isSymbolicLink(ostree)) {
      v.add(
          new Violation(
              "baseimage-root",
              "/ostree",
              Files.exists(ostree, LinkOption.NOFOLLOW_LINKS)
                  ? "not a symlink to sysroot/ostree"
                  : "missing link to sysroot/ostree"));
    } else if (!Files.readSymbolicLink(ostree).toString().equals("sysroot/ostree")) {
      v.add(
          new Violation(
              "baseimage-root",
              "/ostree",
              "links to " + Files.readSymbolicLink(ostree) + ", not sysroot/ostree"));
    }
  }

  /**
   * bootc fails only when /etc and /usr/etc both exist, and passes a tree without /etc "for
   * compatibility"; an image we make must have its configuration in /etc (ostree-ext moves it to
   * /usr/etc on import), so a missing /etc fails too.
   */
  private static void etc(Path tree, List<Violation> v) {
    boolean etc = Files.exists(tree.resolve("etc"), LinkOption.NOFOLLOW_LINKS);
    if (Files.exists(tree.resolve("usr/etc"), LinkOption.NOFOLLOW_LINKS)) {
      v.add(
          new Violation(
              "etc-usretc",
              "/usr/etc",
              etc
                  ? "present beside /etc: /usr/etc is bootc's implementation detail, not image"
                      + " content"
                  : "present without /etc: a container image keeps its configuration in /etc"));
    } else if (!etc) {
      v.add(new Violation("etc-usretc", "/etc", "missing: the image's configuration lives there"));
    }
  }

  /**
   * bootc (ostree-ext's find_kernel_dir_fs) fails on more than one /usr/lib/modules/KVER holding a
   * vmlinuz; ours also on none, since the output is a bootable image.
   */
  private static void kernel(Path tree, List<Violation> v) throws IOException {
    Path modules = tree.resolve("usr/lib/modules");
    List<String> kernels = new ArrayList<>();
    if (Files.isDirectory(modules, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.list(modules)) {
        s.filter(k -> Files.isDirectory(k, LinkOption.NOFOLLOW_LINKS))
            .filter(k -> Files.exists(k.resolve("vmlinuz")))
            .map(k -> "/usr/lib/modules/" + k.getFileName())
            .sorted()
            .forEach(kernels::add);
      }
    }
    if (kernels.size() > 1) {
      v.add(
          new Violation(
              "kernel",
              String.join(", ", kernels),
              kernels.size() + " kernels: an image holds exactly one"));
    } else if (kernels.isEmpty()) {
      v.add(
          new Violation(
              "kernel", "/usr/lib/modules", "no KVER/vmlinuz: a bootable image holds one kernel"));
    }
  }

  /** Only a symlink (to /run) may be there: a folder would hide what services put in /run. */
  private static void varRun(Path tree, List<Violation> v) {
    Path p = tree.resolve("var/run");
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(p)) {
      v.add(new Violation("var-run", "/var/run", "not a symlink (to /run)"));
    }
  }

  /**
   * ostree's backend takes UTF-8 file names and symlink targets only. Read as bytes from {@code
   * find}: Java decodes file names with the locale's charset and cannot tell a bad byte from a
   * replacement character.
   */
  private static void utf8(Path tree, List<Violation> v) throws IOException {
    Process p =
        new ProcessBuilder("find", tree.toString(), "-printf", "%P\\0%l\\0")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (p.waitFor() != 0) {
        throw new DebforgeException(
            ErrorKind.TOOL_FAILED, "oci: find could not walk " + tree + " for the utf8 check");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.COMPOSE_FAILED, "oci: interrupted in the lint");
    }
    List<byte[]> fields = split(out);
    List<Violation> found = new ArrayList<>();
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      byte[] name = fields.get(i);
      byte[] target = fields.get(i + 1);
      if (!isUtf8(name)) {
        found.add(new Violation("utf8", "/" + lossy(name), "file name is not UTF-8"));
      } else if (!isUtf8(target)) {
        found.add(new Violation("utf8", "/" + lossy(name), "symlink target is not UTF-8"));
      }
    }
    found.stream().sorted(java.util.Comparator.comparing(Violation::path)).forEach(v::add);
  }

  private static List<byte[]> split(byte[] out) {
    List<byte[]> fields = new ArrayList<>();
    ByteArrayOutputStream cur = new ByteArrayOutputStream();
    for (byte b : out) {
      if (b == 0) {
        fields.add(cur.toByteArray());
        cur.reset();
      } else {
        cur.write(b);
      }
    }
    return fields;
  }

  static boolean isUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The name with each bad byte shown as \xNN, as bootc quotes it. */
  static String lossy(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      int u = x & 0xff;
      if (u < 0x80) {
        s.append((char) u);
      } else {
        s.append(String.format("\\x%02x", u));
      }
    }
    return s.toString();
  }
}
