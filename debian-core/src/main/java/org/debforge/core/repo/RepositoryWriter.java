package org.debforge.core.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;
import org.debforge.core.pgp.Signer;

/**
 * Publishes one suite of an APT repository: {@code dists/SUITE/COMPONENT/binary-ARCH/Packages},
 * {@code .../source/Sources} (each plain, .gz and .xz), {@code by-hash/SHA256/} copies, and a
 * {@code Release} with its {@code InRelease} and {@code Release.gpg}.
 *
 * <p>Atomicity: the whole {@code dists/SUITE} tree is built in a sibling temp directory and then
 * renamed into place (the old tree is first renamed aside, then deleted). A reader therefore sees
 * the old suite or the new one, never a Release whose indexes are half-written; a crash leaves only
 * a {@code .SUITE.new-*} directory that the next run ignores. The brief gap between the two renames
 * shows no suite at all, which apt reports as a plain fetch failure and retries.
 */
public final class RepositoryWriter {
  private static final List<IndexCompression> COMPRESSIONS =
      List.of(IndexCompression.NONE, IndexCompression.GZIP, IndexCompression.XZ);

  private RepositoryWriter() {}

  /** The Packages stanzas for one architecture: its own and the {@code all} packages. */
  static List<Paragraph> forArch(List<Paragraph> stanzas, String arch) {
    List<Paragraph> out = new ArrayList<>();
    for (Paragraph p : stanzas) {
      String a = p.get("Architecture").orElse("").strip();
      if (a.equals(arch) || a.equals("all")) {
        out.add(p);
      }
    }
    return out;
  }

  /** Index text: stanzas separated by blank lines, ending with a newline (as apt-ftparchive). */
  public static String indexText(List<Paragraph> stanzas) {
    StringBuilder sb = new StringBuilder();
    for (Paragraph p : stanzas) {
      Deb822.write(p, sb);
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * Writes {@code root/dists/SUITE} from a scanned pool, signing with {@code key} when not null.
   *
   * @return the suite directory
   */
  public static Path publish(Path root, SuiteSettings s, PoolScanner.Pool pool, Signer key) {
    Path dists = root.resolve("dists");
    Path target = dists.resolve(s.suite());
    Path tmp;
    try {
      Files.createDirectories(dists);
      tmp = Files.createTempDirectory(dists, "." + s.suite() + ".new-");
    } catch (IOException e) {
      throw io(dists, e);
    }
    try {
      String comp = s.component();
      for (String arch : s.architectures()) {
        writeIndex(tmp, comp + "/binary-" + arch + "/Packages", forArch(pool.debs(), arch));
        if (!pool.udebs().isEmpty()) {
          writeIndex(
              tmp,
              comp + "/debian-installer/binary-" + arch + "/Packages",
              forArch(pool.udebs(), arch));
        }
      }
      writeIndex(tmp, comp + "/source/Sources", pool.sources());
      String release = releaseText(tmp, s);
      byte[] releaseBytes = release.getBytes(StandardCharsets.UTF_8);
      Files.write(tmp.resolve("Release"), releaseBytes);
      if (key != null) {
        Files.writeString(tmp.resolve("Release.gpg"), key.detachSign(releaseBytes));
        Files.writeString(tmp.resolve("InRelease"), key.clearsign(release));
      }
      swapIn(tmp, target);
      return target;
    } catch (IOException e) {
      deleteTree(tmp);
      throw io(target, e);
    } catch (RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  private static void writeIndex(Path suiteDir, String path, List<Paragraph> stanzas)
      throws IOException {
    byte[] plain = indexText(stanzas).getBytes(StandardCharsets.UTF_8);
    Path base = suiteDir.resolve(path);
    Path byHash = base.getParent().resolve("by-hash/SHA256");
    Files.createDirectories(byHash);
    for (IndexCompression c : COMPRESSIONS) {
      byte[] data = c.compress(plain);
      Path file = base.resolveSibling(base.getFileName() + c.extension());
      Files.write(file, data);
      Path hashed = byHash.resolve(ChecksumField.SHA256.hex(data));
      if (!Files.exists(hashed)) {
        try {
          Files.createLink(hashed, file);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(file, hashed);
        }
      }
    }
  }

  /** The Release text for the files under {@code suiteDir} (by-hash copies excluded). */
  public static String releaseText(Path suiteDir, SuiteSettings s) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(suiteDir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String rel = suiteDir.relativize(f).toString().replace('\\', '/');
        if (!rel.contains("/by-hash/") && rel.contains("/")) {
          files.put(rel, Files.readAllBytes(f));
        }
      }
    }
    return releaseText(s, List.of(s.component()), files);
  }

  /**
   * The Release text listing {@code files} (path below the suite directory to content) for a suite
   * of several components.
   */
  public static String releaseText(
      SuiteSettings s, List<String> components, SortedMap<String, byte[]> files) {
    Paragraph p = new Paragraph();
    set(p, "Origin", s.origin());
    set(p, "Label", s.label());
    p.set("Suite", s.suite());
    p.set("Codename", s.codename());
    p.set("Date", Release.formatDate(s.date()));
    p.set("Acquire-By-Hash", "yes");
    p.set("Architectures", String.join(" ", s.architectures()));
    p.set("Components", String.join(" ", components));
    set(p, "Description", s.description());
    List<ChecksumField> digests = new ArrayList<>(List.of(ChecksumField.MD5, ChecksumField.SHA256));
    if (s.sha512()) {
      digests.add(ChecksumField.SHA512);
    }
    for (ChecksumField c : digests) {
      StringBuilder v = new StringBuilder();
      files.forEach(
          (name, data) -> v.append(String.format("\n %s %16d %s", c.hex(data), data.length, name)));
      p.set(c.releaseField(), v.toString());
    }
    StringBuilder sb = new StringBuilder();
    Deb822.write(p, sb);
    return sb.toString();
  }

  private static void set(Paragraph p, String name, String value) {
    if (value != null && !value.isBlank()) {
      p.set(name, value);
    }
  }

  private static void swapIn(Path tmp, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = tmp.resolveSibling("." + target.getFileName() + ".old-" + tmp.getFileName());
      move(target, old);
    }
    try {
      move(tmp, target);
    } catch (IOException e) {
      if (old != null) {
        move(old, target);
      }
      throw e;
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      throw new IOException("cannot rename " + from + " to " + to + ": " + e, e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Best effort: a leftover temp directory is ignored by readers and the next run.
    }
  }

  private static DebforgeException io(Path p, IOException e) {
    return new DebforgeException(ErrorKind.IO, p + ": " + e.getMessage(), null, e);
  }
}
