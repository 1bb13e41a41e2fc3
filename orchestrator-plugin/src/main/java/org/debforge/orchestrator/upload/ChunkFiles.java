package org.debforge.orchestrator.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/** The bytes of an upload session's files: appending a chunk, emptying, digesting, removing. */
final class ChunkFiles {
  private ChunkFiles() {}

  /**
   * Writes the chunk's body at offset {@code at}. More bytes than the range names: refused and
   * undone. Fewer (the connection broke): kept, and the caller told where to resume.
   */
  static void append(Path file, long at, ContentRange range, InputStream body) {
    long wanted = range.length();
    long got = 0;
    boolean broken = false;
    boolean tooLong = false;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      out.position(at);
      byte[] buf = new byte[64 * 1024];
      while (true) {
        int n;
        try {
          n = body.read(buf, 0, (int) Math.min(buf.length, wanted - got + 1));
        } catch (IOException e) {
          broken = true; // the client went away; keep what arrived
          break;
        }
        if (n < 0) {
          break;
        }
        if (got + n > wanted) {
          tooLong = true;
          break;
        }
        out.write(ByteBuffer.wrap(buf, 0, n));
        got += n;
      }
      if (tooLong) {
        out.truncate(at);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (tooLong) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          file.getFileName()
              + ": the chunk carries more than the "
              + wanted
              + " bytes its Content-Range names",
          "nothing of it was kept; send exactly LAST-FIRST+1 bytes");
    }
    if (got < wanted) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          file.getFileName()
              + ": the chunk ended after "
              + got
              + " of "
              + wanted
              + " bytes"
              + (broken ? " (connection closed)" : "")
              + "; they were kept",
          "resume at offset " + (at + got));
    }
  }

  static void truncate(Path file) {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
