package org.debforge.compose.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The image's one layer: the tree as a tar by GNU tar (as the rootfs image is made), gzipped while
 * it streams, with both digests the image needs (the gzip's for the manifest, the tar's for the
 * config's diff_ids) computed on the way.
 *
 * <p>GNU tar rather than a Java tar writer: it stores every extended attribute, including {@code
 * security.capability} (ping's file capability), which Java's file API cannot read. The flags make
 * it reproducible: names sorted, every mtime set to the image's time, numeric owners, and pax
 * headers without atime, ctime or tar's process id in their names.
 */
final class Layer {
  private Layer() {}

  /** The layer blob and the digest of its uncompressed tar. */
  record Written(Blobs.Blob blob, String diffId) {}

  static List<String> tarCommand(Path tree, Instant mtime) throws IOException {
    List<String> c =
        new ArrayList<>(
            List.of(
                "tar",
                "--create",
                "--format=posix",
                "--numeric-owner",
                "--xattrs",
                "--sort=name",
                "--mtime=@" + mtime.getEpochSecond(),
                "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime",
                "--directory",
                tree.toString(),
                "--file",
                "-",
                "--"));
    // Top-level names as members (not "."): layer paths without a "./" prefix and no entry for
    // "/" itself, as container builders write them.
    try (Stream<Path> s = Files.list(tree)) {
      s.map(p -> p.getFileName().toString()).sorted().forEach(c::add);
    }
    return c;
  }

  static Written write(Path tree, Instant mtime, Blobs blobs, ToolLog log) throws IOException {
    List<String> cmd = tarCommand(tree, mtime);
    int names = cmd.indexOf("--") + 1;
    log.line(
        "==> "
            + String.join(" ", cmd.subList(0, names))
            + " <"
            + (cmd.size() - names)
            + " top-level names>");
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
            .start();
    MessageDigest tarDigest = Blobs.sha256();
    Blobs.Blob blob;
    try (InputStream tar = new DigestInputStream(p.getInputStream(), tarDigest)) {
      blob =
          blobs.put(
              out -> {
                // GZIPOutputStream writes no name and a zero mtime: the same bytes every time.
                GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
                tar.transferTo(gz);
                gz.finish();
              });
    } finally {
      p.getInputStream().close();
    }
    int rc;
    try {
      rc = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new DebforgeException(ErrorKind.COMPOSE_FAILED, "oci: interrupted writing the layer");
    }
    log.line("<== exit " + rc);
    if (rc != 0) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "oci: tar exited "
              + rc
              + " writing the layer of "
              + tree
              + "; see "
              + log.file()
              + log.tail(),
          "the log shows tar's complaint");
    }
    return new Written(blob, "sha256:" + HexFormat.of().formatHex(tarDigest.digest()));
  }
}
