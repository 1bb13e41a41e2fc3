package org.debforge.debmock.plugin.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Writes a plugin's log into the build's log directory whole or not at all (a temporary file moved
 * into place), so a killed build never leaves half a log that looks complete.
 */
public final class LogFile {
  private LogFile() {}

  /** The log directory of the context: {@code logDir}, else {@code resultDir}. */
  public static Path dir(HookContext context) {
    Path dir = context.logDir() != null ? context.logDir() : context.resultDir();
    if (dir == null) {
      throw new DebforgeException(
          ErrorKind.INTERNAL,
          "hook '" + context.stage().hookName() + "' fired without a log or result directory");
    }
    return dir;
  }

  /**
   * Writes {@code text} (UTF-8) to {@code name} in the context's log directory and returns the
   * path. {@code name} must be a plain file name.
   */
  public static Path write(HookContext context, String name, String text) {
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new DebforgeException(
          ErrorKind.CONFIG, "log file name '" + name + "' must be a plain file name", null);
    }
    Path dir = dir(context);
    Path target = dir.resolve(name);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot write " + target + ": " + e.getMessage(), null, e);
    }
    return target;
  }
}
