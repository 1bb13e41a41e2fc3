package org.debforge.compose.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Adds a blueprint's files to a root: each one written beside its destination and renamed over it,
 * so an existing file (or symlink) at the destination is replaced, never written through.
 */
final class FileInstaller {
  private static final boolean ROOT = "0".equals(uid());

  private FileInstaller() {}

  /** Copies {@code spec.source()} to {@code spec.dest()} in {@code root}, mode as given, root's. */
  static Path install(Path root, FileSpec spec) {
    String field = "files: " + spec.dest();
    if (spec.mode() < 0 || spec.mode() > 07777) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          field + ": mode " + Integer.toOctalString(spec.mode()) + " is not a permission mode",
          "give octal permission bits such as \"0644\"");
    }
    if (!Files.isRegularFile(spec.source())) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          field + ": source " + spec.source() + " is not a regular file",
          "src is resolved against the blueprint's folder");
    }
    Path parent = RootPath.parentOf(root, spec.dest(), "files: " + spec.dest(), true);
    String name = spec.dest().substring(spec.dest().lastIndexOf('/') + 1);
    Path dest = parent.resolve(name);
    if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          field + ": is a folder in the root",
          "name a file; folders are not replaced");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(parent, "." + name + ".", ".debforge-new");
      Files.copy(spec.source(), tmp, StandardCopyOption.REPLACE_EXISTING);
      ownByRoot(tmp);
      // After chown, which clears setuid bits.
      Files.setPosixFilePermissions(tmp, permissions(spec.mode()));
      if ((spec.mode() & 07000) != 0) {
        Files.setAttribute(tmp, "unix:mode", spec.mode());
      }
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return dest;
    } catch (IOException e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException ignored) {
        // The temp name is hidden and removed with the unfinished root.
      }
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED, field + ": cannot write " + dest + ": " + e, null, e);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  /**
   * Makes a file root's. Only a root process can; the builder refuses to run otherwise, and the
   * files of a test tree made by an ordinary user stay that user's.
   */
  static void ownByRoot(Path p) throws IOException {
    if (ROOT) {
      Files.setAttribute(p, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
    }
  }

  static boolean runningAsRoot() {
    return ROOT;
  }

  private static String uid() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("Uid:")) {
          return l.substring(4).strip().split("\\s+")[1]; // effective uid
        }
      }
    } catch (IOException e) {
      // Not Linux: treated as not root.
    }
    return "-1";
  }
}
