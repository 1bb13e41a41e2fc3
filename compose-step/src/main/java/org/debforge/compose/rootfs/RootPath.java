package org.debforge.compose.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Resolves a path inside a root filesystem as the root's own processes would see it, without ever
 * letting a symlink in the root lead to the host. A root made by mmdebstrap is full of symlinks
 * ({@code /bin -> usr/bin}, alternatives, {@code /etc/os-release -> ../usr/lib/os-release}), so
 * following them is needed; following them with the host's resolution would let a package or a
 * previous step point {@code /etc/motd} at {@code /etc/shadow} of the machine running the compose.
 */
final class RootPath {
  private static final int MAX_LINKS = 40; // as the kernel's ELOOP limit

  private RootPath() {}

  /**
   * Checks a destination given by a blueprint: absolute, no {@code .} or {@code ..} or empty
   * components, not the root itself.
   *
   * @return the components of the path
   */
  static List<String> checkDest(String dest, String field) {
    if (dest == null || !dest.startsWith("/")) {
      throw unsafe(field + ": '" + dest + "' is not an absolute path", "write it as /etc/motd");
    }
    if (dest.indexOf('\0') >= 0 || dest.indexOf('\n') >= 0) {
      throw unsafe(field + ": the path holds a NUL or newline", "name a plain path");
    }
    List<String> parts = new ArrayList<>();
    for (String p : dest.substring(1).split("/", -1)) {
      if (p.isEmpty() || p.equals(".") || p.equals("..")) {
        throw unsafe(
            field + ": '" + dest + "' has an empty, '.' or '..' component",
            "name the file by its plain absolute path in the root, e.g. /etc/motd");
      }
      parts.add(p);
    }
    return parts;
  }

  /**
   * The host path of the parent folder of {@code dest} in {@code root}, every symlink on the way
   * resolved inside the root; the last component is returned as is (it is replaced, never
   * followed). Missing folders are created (0755) when {@code create} is set.
   *
   * @throws DebforgeException UNSAFE_INPUT when a symlink leads out of the root, or a component is
   *     not a folder
   */
  static Path parentOf(Path root, String dest, String field, boolean create) {
    List<String> parts = checkDest(dest, field);
    Deque<String> todo = new ArrayDeque<>(parts.subList(0, parts.size() - 1));
    List<String> at = new ArrayList<>(); // resolved components below the root
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pop();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (at.isEmpty()) {
          throw unsafe(
              field + ": '" + dest + "' leads out of the root through a symlink's '..'",
              "a symlink in the root climbs above it; fix the link or choose another path");
        }
        at.remove(at.size() - 1);
        continue;
      }
      Path host = join(root, at).resolve(c);
      if (Files.isSymbolicLink(host)) {
        if (++links > MAX_LINKS) {
          throw unsafe(field + ": '" + dest + "': too many symlinks", "fix the symlink loop");
        }
        String target = readLink(host);
        if (target.startsWith("/")) {
          at.clear(); // an absolute link means the root's /, never the host's
        }
        List<String> t = Arrays.asList(target.split("/"));
        for (int i = t.size() - 1; i >= 0; i--) {
          todo.push(t.get(i));
        }
        continue;
      }
      if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
          throw unsafe(
              field
                  + ": '"
                  + dest
                  + "': "
                  + "/"
                  + String.join("/", at)
                  + "/"
                  + c
                  + " in the root is not a folder",
              "choose a destination under a folder");
        }
      } else if (create) {
        try {
          Files.createDirectory(host);
          Files.setPosixFilePermissions(host, FileInstaller.permissions(0755));
          FileInstaller.ownByRoot(host);
        } catch (IOException e) {
          throw new DebforgeException(
              ErrorKind.COMPOSE_FAILED, field + ": cannot create " + host + ": " + e, null, e);
        }
      } else {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND, field + ": '" + dest + "': " + host + " does not exist");
      }
      at.add(c);
    }
    return join(root, at);
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, link + ": " + e.getMessage(), null, e);
    }
  }

  private static Path join(Path root, List<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }

  private static DebforgeException unsafe(String message, String hint) {
    return new DebforgeException(ErrorKind.UNSAFE_INPUT, message, hint);
  }
}
