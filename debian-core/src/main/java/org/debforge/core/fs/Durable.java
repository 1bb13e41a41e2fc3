package org.debforge.core.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * fsync for the write-then-rename pattern. A rename is atomic but, after a power loss, can reach
 * the disk before the data of the file it names: the renamed file would then be empty or short.
 * Syncing the new files before the rename, and the directory after it, closes that window.
 */
public final class Durable {
  private Durable() {}

  /** Flushes one regular file's data and metadata. */
  public static void syncFile(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * Flushes a directory's entries (the renames and links made in it). Best effort: some filesystems
   * refuse to open a directory, which leaves nothing to do.
   */
  public static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // not supported here: the rename is still atomic, only not yet durable
    }
  }

  /**
   * Flushes every regular file and directory under {@code root} (symbolic links are not followed:
   * their own entries are synced with the directory holding them), deepest first.
   */
  public static void syncTree(Path root) throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          syncFile(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          dirs.add(p);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (int i = dirs.size() - 1; i >= 0; i--) {
      syncDirectory(dirs.get(i));
    }
  }
}
