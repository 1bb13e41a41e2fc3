package org.debforge.orchestrator.publish;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * Where a file goes in a published {@code pool/}, and putting it there as a hard link to its blob:
 * a published repository costs no space. A copy is made only when the link cannot be (the
 * repository on another file system than the store), and counted so the caller can say so.
 */
final class PoolLinks {
  private int linked;
  private int copied;
  private int kept;

  /** {@code pool/COMPONENT/PREFIX/SOURCE/}, PREFIX as in Debian: {@code libf} or {@code h}. */
  static String directory(String component, String source) {
    String prefix =
        source.startsWith("lib") && source.length() > 3
            ? source.substring(0, 4)
            : source.substring(0, 1);
    return "pool/" + component + "/" + prefix + "/" + source;
  }

  /**
   * The component a .deb goes to: the one its Section names ({@code contrib/utils}) when that is
   * published, else the first.
   */
  static String component(String section, List<String> components) {
    if (section != null) {
      int slash = section.indexOf('/');
      if (slash > 0 && components.contains(section.substring(0, slash))) {
        return section.substring(0, slash);
      }
    }
    return components.get(0);
  }

  /** Makes {@code target} the blob's file: kept when already so, else linked (or copied). */
  void place(Path blob, Path target) throws IOException {
    if (Files.exists(target)) {
      if (Files.isSameFile(blob, target)
          || (!Files.isSymbolicLink(target) && Files.size(target) == Files.size(blob))) {
        kept++;
        return;
      }
    }
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      try {
        Files.createLink(tmp, blob);
        linked++;
      } catch (FileSystemException | UnsupportedOperationException e) {
        // EXDEV: another file system. The only case where the pool holds a second copy.
        Files.copy(blob, tmp);
        copied++;
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  int linked() {
    return linked;
  }

  int copied() {
    return copied;
  }

  int kept() {
    return kept;
  }
}
