package org.debforge.compose.compose;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.debforge.compose.metadata.ComposeMetadata;
import org.debforge.compose.metadata.Image;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The root as an image file: a {@code tar.zst} made by GNU tar (numeric owners, xattrs and ACLs
 * kept, so file capabilities survive), listed in images.json. The root folder stays beside it for
 * part 2 (the OSTree commit reads a folder).
 */
final class RootfsImage {
  private RootfsImage() {}

  static Image make(ComposeLayout layout, String arch, Path root, PrintWriter log) {
    Path dir = layout.images(arch);
    Path file = dir.resolve(layout.composeId() + "-" + arch + "-rootfs.tar.zst");
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".rootfs-", ".tar.zst.part");
      try {
        List<String> cmd =
            List.of(
                "tar",
                "--create",
                "--zstd",
                "--numeric-owner",
                "--xattrs",
                "--acls",
                "--sort=name",
                "--file",
                tmp.toString(),
                "--directory",
                root.toString(),
                ".");
        log.println("rootfs: " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        log.print(out);
        if (p.waitFor() != 0) {
          throw new DebforgeException(
              ErrorKind.TOOL_FAILED,
              "tar exited " + p.exitValue() + " making " + file,
              "see logs/rootfs.log");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return new Image(
          ComposeMetadata.VARIANT,
          arch,
          layout.compose().relativize(file).toString(),
          Files.size(file),
          ContentCache.sha256(file),
          "tar.zst",
          "rootfs",
          Files.getLastModifiedTime(file).toMillis() / 1000);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.TOOL_FAILED, "tar: interrupted", null, e);
    }
  }
}
