package org.debforge.ostree.layer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Paragraph;

/**
 * The .debs a layer installs, kept by SHA-256 under the cache folder. Each is fetched from its
 * source's URI and {@code Filename}, into a temp file renamed only once its size and SHA-256 match
 * the index stanza (which apt-get verified against the signed Release): a .deb dpkg reads is always
 * the one the repository signed.
 */
public final class DebCache {
  private final Path dir;
  private HttpClient http;

  public DebCache(Path dir) {
    this.dir = dir;
  }

  /**
   * The verified .deb of an index stanza.
   *
   * @param cacheOnly refuse to download: only an already cached .deb will do
   */
  public Path get(AptSource source, Paragraph stanza, boolean cacheOnly) {
    String name = stanza.get("Package").orElse("?");
    String sha = stanza.get("SHA256").orElse("").strip().toLowerCase(java.util.Locale.ROOT);
    String file = stanza.get("Filename").orElse("");
    long size;
    try {
      size = Long.parseLong(stanza.get("Size").orElse("-1").strip());
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (!sha.matches("[0-9a-f]{64}") || size < 0 || file.isEmpty() || file.contains("..")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          source.uri() + ": package " + name + ": stanza lacks a valid SHA256, Size or Filename",
          "the repository's Packages index is broken; try another mirror");
    }
    Path target = dir.resolve(sha + ".deb");
    if (Files.isRegularFile(target)) {
      return target;
    }
    if (cacheOnly) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          name + " (" + file + ") is not in the cache " + dir,
          "run without --cache-only to download it");
    }
    URI uri = URI.create(source.uri() + "/" + file);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".dl-", ".part");
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(open(uri), md)) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        String got = HexFormat.of().formatHex(md.digest());
        long gotSize = Files.size(tmp);
        if (!got.equals(sha) || gotSize != size) {
          throw new DebforgeException(
              ErrorKind.VERIFICATION_FAILED,
              uri
                  + ": SHA256 "
                  + got
                  + " size "
                  + gotSize
                  + ", the index says "
                  + sha
                  + " size "
                  + size,
              "the mirror serves another file than its index lists; retry or use another mirror");
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, uri + ": " + e.getMessage(), "check the network and the mirror", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private InputStream open(URI uri) throws IOException {
    if (uri.getScheme().equals("file") || uri.getScheme().equals("copy")) {
      return Files.newInputStream(Path.of(uri.getPath()));
    }
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(Duration.ofSeconds(30))
              .build();
    }
    try {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() / 100 != 2) {
        r.body().close();
        throw new DebforgeException(
            r.statusCode() == 404 ? ErrorKind.NOT_FOUND : ErrorKind.IO,
            uri + ": HTTP " + r.statusCode(),
            "the index is newer or older than the pool; run again to refresh the index");
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
