package org.debforge.compose.pkgset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.fs.XdgDirs;

/**
 * Downloaded indexes and .debs kept by their SHA-256 ({@code DIR/by-hash/SHA256/HEX}): a file is
 * looked up by the checksum its signed Release or index promises, so a changed mirror state can
 * never be served from the cache (keyed by content, never by age).
 */
public final class ContentCache {
  private final Path dir;

  public ContentCache(Path dir) {
    this.dir = dir;
  }

  /** {@code $XDG_CACHE_HOME/debforge/compose}, else {@code $HOME/.cache/debforge/compose}. */
  public static ContentCache standard(Map<String, String> env) {
    Path base = new XdgDirs(env).cacheHome();
    return new ContentCache(base.resolve("debforge").resolve("compose"));
  }

  public Path dir() {
    return dir;
  }

  private Path path(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT,
          "'" + sha256 + "' is not a SHA-256 in lower-case hex",
          "indexes list SHA256 as 64 hex digits");
    }
    return dir.resolve("by-hash").resolve("SHA256").resolve(sha256);
  }

  /** The cached file with this content, if present and still intact. */
  public Optional<Path> find(String sha256, long size) {
    Path p = path(sha256);
    try {
      if (Files.isRegularFile(p) && Files.size(p) == size && sha256(p).equals(sha256)) {
        return Optional.of(p);
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The file promised to have {@code sha256} and {@code size}: from the cache, or fetched by {@code
   * download} into a temp file, checked, then added.
   *
   * @throws DebforgeException VERIFICATION_FAILED when the download does not match
   */
  public Path get(
      String sha256, long size, String what, java.util.function.Consumer<Path> download) {
    Optional<Path> hit = find(sha256, size);
    if (hit.isPresent()) {
      return hit.get();
    }
    Path target = path(sha256);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".get-", ".part");
      try {
        download.accept(tmp);
        long got = Files.size(tmp);
        String sum = sha256(tmp);
        if (got != size || !sum.equals(sha256)) {
          throw new DebforgeException(
              ErrorKind.VERIFICATION_FAILED,
              what
                  + ": expected size "
                  + size
                  + " sha256 "
                  + sha256
                  + ", got size "
                  + got
                  + " sha256 "
                  + sum,
              "the mirror served other content than its signed index lists; retry, or use"
                  + " another mirror");
        }
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, target + ": " + e.getMessage(), null, e);
    }
  }

  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
