package org.debforge.orchestrator.api;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.upload.TooLarge;

/**
 * Receives a multipart upload of a build (a .changes, the files it lists, and for a deb-mock result
 * its result.json and logs) into a fresh temporary directory, which then goes through the same
 * import as a local directory. Limits are enforced while reading, so an oversized upload is refused
 * before anything reaches the pool.
 */
final class UploadReceiver {
  // A file name as dpkg and the archive allow them: no separators, no leading dot.
  private static final String PLAIN_NAME = "[A-Za-z0-9][A-Za-z0-9._+~-]{0,254}";

  private final Path tempRoot;
  private final long maxBytes;

  UploadReceiver(Path tempRoot, long maxBytes) {
    this.tempRoot = tempRoot;
    this.maxBytes = maxBytes;
  }

  /** The directory holding the upload; the caller deletes it with {@link #delete}. */
  Path receive(Context ctx) {
    long declared = ctx.contentLength();
    if (declared > maxBytes) {
      throw tooLarge(declared);
    }
    String type = ctx.contentType();
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "an import is a multipart/form-data upload, not " + type,
          "send the .changes and every file it lists as parts named 'file'");
    }
    List<UploadedFile> parts;
    try {
      parts = ctx.uploadedFiles();
    } catch (Exception e) {
      // Javalin rethrows Jetty's checked IOExceptions unchecked: catch them all, but leave what
      // the HTTP layer says itself (408 too slow, a client gone) to the server's error mapper.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.eclipse.jetty.http.BadMessageException bad) {
          throw bad;
        }
        if (t instanceof org.eclipse.jetty.io.EofException) {
          throw e;
        }
      }
      // Jetty refuses a part or request over the multipart limits while reading it.
      if (String.valueOf(e.getMessage()).contains("exceeds")
          || String.valueOf(e.getCause()).contains("exceeds")) {
        throw tooLarge(-1);
      }
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "the multipart upload cannot be read: " + e.getMessage(),
          "send a well-formed multipart/form-data body");
    }
    Set<String> names = new HashSet<>();
    long total = 0;
    int changes = 0;
    for (UploadedFile f : parts) {
      String name = f.filename();
      if (name == null || !name.matches(PLAIN_NAME)) {
        throw new DebforgeException(
            ErrorKind.UNSAFE_INPUT,
            "refusing uploaded file name '" + name + "'",
            "upload plain file names (letters, digits, . _ + ~ -), no directories");
      }
      if (!names.add(name)) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT, "file '" + name + "' uploaded twice", "send each file once");
      }
      total += f.size();
      if (total > maxBytes) {
        throw tooLarge(total);
      }
      if (name.endsWith(".changes")) {
        changes++;
      }
    }
    if (changes != 1) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "an upload needs exactly one .changes file, got " + changes,
          "send the .changes and the files it lists");
    }
    Path dir;
    try {
      Files.createDirectories(tempRoot);
      dir = Files.createTempDirectory(tempRoot, "upload-");
      for (UploadedFile f : parts) {
        try (InputStream in = f.content()) {
          Files.copy(in, dir.resolve(f.filename()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private TooLarge tooLarge(long size) {
    return new TooLarge(
        "upload of "
            + (size < 0 ? "more than " + maxBytes : String.valueOf(size))
            + " bytes refused: the limit is "
            + maxBytes
            + " bytes",
        "raise the server's --max-upload (deb-orchestrator serve) or upload less");
  }

  static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temp dir is harmless; the next server start does not depend on it
    }
  }
}
