package org.debforge.core.deb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Unpacks a package's data.tar like {@code dpkg-deb -x}, refusing anything that could reach outside
 * the target: absolute names, {@code ..}, writes through symlinks, hard links to outside the tree,
 * and (unless skipped on request) device nodes and FIFOs. Work happens in a temporary sibling
 * directory that is renamed into place only when every entry succeeded, so a refused or corrupt
 * package leaves nothing behind.
 */
public final class DebExtractor {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /**
   * @param skipSpecialFiles skip device nodes and FIFOs instead of refusing the package (Java
   *     cannot create them, and a package that ships them is unusual enough to stop by default)
   */
  public record Options(boolean skipSpecialFiles) {
    public static final Options DEFAULT = new Options(false);
  }

  /** What was unpacked; {@code skipped} lists special files left out on request. */
  public record Result(Path directory, int entries, long bytes, List<String> skipped) {
    public Result {
      skipped = List.copyOf(skipped);
    }
  }

  private DebExtractor() {}

  /**
   * Unpacks {@code deb} into {@code dir}, which must not exist or be empty.
   *
   * @throws org.debforge.core.FormatException of kind UNSAFE_INPUT naming member and entry when the
   *     package tries to escape {@code dir} or ships refused special files
   */
  public static Result extract(Path deb, Path dir, Options options) {
    Path target = dir.toAbsolutePath().normalize();
    try {
      if (Files.exists(target, NOFOLLOW)) {
        try (Stream<Path> s = Files.list(target)) {
          if (s.findAny().isPresent()) {
            throw new DebforgeException(
                ErrorKind.CONFLICT,
                target + ": directory is not empty",
                "extract into a new or empty directory");
          }
        }
      }
      Path parent = target.getParent();
      Files.createDirectories(parent);
      Path work = Files.createTempDirectory(parent, "." + target.getFileName() + ".unpack-");
      boolean done = false;
      try (DebReader reader = DebReader.open(deb)) {
        Unpacker u = new Unpacker(deb.toString(), reader.dataMember(), work, options);
        reader.readData(u::entry);
        u.finishDirectories();
        Files.deleteIfExists(target);
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        done = true;
        return new Result(target, u.entries, u.bytes, u.skipped);
      } finally {
        if (!done) {
          deleteTree(work);
        }
      }
    } catch (DirectoryNotEmptyException ex) {
      throw new DebforgeException(ErrorKind.CONFLICT, target + ": directory is not empty", null);
    } catch (IOException ex) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot unpack " + deb + " into " + target + ": " + ex, null, ex);
    }
  }

  /** Applies entries to the work tree, one at a time, checking each before touching the disk. */
  private static final class Unpacker {
    private final String deb;
    private final String member;
    private final Path root;
    private final Options options;
    private final List<TarEntry> directories = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private int entries;
    private long bytes;

    Unpacker(String deb, String member, Path root, Options options) {
      this.deb = deb;
      this.member = member;
      this.root = root;
      this.options = options;
    }

    void entry(TarEntry e, InputStream content) throws IOException {
      String rel = EntryPaths.relative(e.path(), deb, member);
      Path path = rel.isEmpty() ? root : root.resolve(rel);
      if (!rel.isEmpty()) {
        checkParents(e, rel);
      }
      switch (e.type()) {
        case DIRECTORY -> {
          if (Files.isSymbolicLink(path)) {
            throw EntryPaths.unsafe(deb, member, e.path(), "directory replaces a symlink");
          }
          Files.createDirectories(path);
          directories.add(e);
        }
        case FILE -> {
          replaceable(e, path);
          try (OutputStream out =
              Files.newOutputStream(
                  path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            bytes += content.transferTo(out);
          }
          finish(path, e);
        }
        case SYMLINK -> {
          if (e.linkTarget().isEmpty()) {
            throw EntryPaths.unsafe(deb, member, e.path(), "symlink with an empty target");
          }
          replaceable(e, path);
          Files.createSymbolicLink(path, Path.of(e.linkTarget()));
        }
        case HARDLINK -> {
          String source = EntryPaths.relative(e.linkTarget(), deb, member);
          checkParents(e, source);
          Path existing = root.resolve(source);
          if (source.isEmpty() || !Files.isRegularFile(existing, NOFOLLOW)) {
            throw EntryPaths.unsafe(
                deb, member, e.path(), "hard link to '" + e.linkTarget() + "', not a file above");
          }
          replaceable(e, path);
          Files.createLink(path, existing);
        }
        case CHARACTER_DEVICE, BLOCK_DEVICE, FIFO, OTHER -> {
          if (!options.skipSpecialFiles() || e.type() == TarEntry.Type.OTHER) {
            throw EntryPaths.unsafe(
                deb, member, e.path(), e.type().name().toLowerCase().replace('_', ' '));
          }
          skipped.add(e.path());
          return;
        }
      }
      entries++;
    }

    /** No entry may be written through a symlink, whatever the symlink points at. */
    private void checkParents(TarEntry e, String rel) {
      Path p = root;
      String[] parts = rel.split("/");
      for (int i = 0; i < parts.length - 1; i++) {
        p = p.resolve(parts[i]);
        if (Files.isSymbolicLink(p)) {
          throw EntryPaths.unsafe(
              deb, member, e.path(), "path goes through symlink '" + root.relativize(p) + "'");
        }
        if (Files.exists(p, NOFOLLOW) && !Files.isDirectory(p, NOFOLLOW)) {
          throw EntryPaths.unsafe(deb, member, e.path(), "parent '" + parts[i] + "' is a file");
        }
      }
    }

    /** A later entry may replace an earlier file or link (as tar does), never a directory. */
    private void replaceable(TarEntry e, Path path) throws IOException {
      if (Files.isDirectory(path, NOFOLLOW)) {
        throw EntryPaths.unsafe(deb, member, e.path(), "would replace a directory");
      }
      Files.deleteIfExists(path);
      Files.createDirectories(path.getParent());
    }

    private void finish(Path path, TarEntry e) throws IOException {
      Files.setAttribute(path, "unix:mode", e.mode(), NOFOLLOW);
      Files.setLastModifiedTime(path, FileTime.fromMillis(e.mtime() * 1000));
    }

    /** Directory modes last and deepest first, so a read-only directory can still be filled. */
    void finishDirectories() throws IOException {
      directories.sort(Comparator.comparing((TarEntry d) -> d.path()).reversed());
      for (TarEntry d : directories) {
        String rel = EntryPaths.relative(d.path(), deb, member);
        finish(rel.isEmpty() ? root : root.resolve(rel), d);
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, NOFOLLOW)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isDirectory(p, NOFOLLOW)) {
          p.toFile().setWritable(true);
        }
        Files.deleteIfExists(p);
      }
    } catch (IOException ex) {
      throw new DebforgeException(ErrorKind.IO, "cannot clean up " + dir + ": " + ex, null, ex);
    }
  }
}
