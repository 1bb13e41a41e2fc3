package org.debforge.compose.pkgset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Fetches files of an APT repository from {@code http(s)://} or {@code file:} bases with
 * java.net.http, into a temp file then renamed: a failed download leaves nothing behind.
 */
public final class Fetcher {
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  /** The URI of {@code path} under the repository base {@code base}. */
  public static URI under(URI base, String path) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
  }

  public byte[] bytes(URI uri) {
    if ("file".equals(uri.getScheme())) {
      try {
        return Files.readAllBytes(Path.of(uri));
      } catch (NoSuchFileException e) {
        throw notFound(uri, "no such file");
      } catch (IOException e) {
        throw new DebforgeException(ErrorKind.IO, uri + ": " + e.getMessage(), null, e);
      }
    }
    HttpResponse<byte[]> r = send(uri, HttpResponse.BodyHandlers.ofByteArray());
    return r.body();
  }

  /** Downloads {@code uri} to {@code target} (through a temp file in its folder). */
  public void download(URI uri, Path target) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".dl-", ".part");
      try {
        if ("file".equals(uri.getScheme())) {
          try {
            Files.copy(Path.of(uri), tmp, StandardCopyOption.REPLACE_EXISTING);
          } catch (NoSuchFileException e) {
            throw notFound(uri, "no such file");
          }
        } else {
          HttpResponse<InputStream> r = send(uri, HttpResponse.BodyHandlers.ofInputStream());
          try (InputStream in = r.body()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          }
        }
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, uri + ": " + e.getMessage(), null, e);
    }
  }

  private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler) {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build();
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        HttpResponse<T> r = http.send(req, handler);
        if (r.statusCode() == 404 || r.statusCode() == 410) {
          throw notFound(uri, "HTTP " + r.statusCode());
        }
        if (r.statusCode() / 100 != 2) {
          last = new IOException("HTTP " + r.statusCode());
          continue;
        }
        return r;
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DebforgeException(ErrorKind.IO, uri + ": interrupted", null, e);
      }
    }
    throw new DebforgeException(
        ErrorKind.IO,
        uri + ": download failed after 3 attempts: " + last.getMessage(),
        "check the mirror (DEBIAN_MIRROR or the source's mirror:) and the network",
        last);
  }

  private static DebforgeException notFound(URI uri, String why) {
    return new DebforgeException(
        ErrorKind.NOT_FOUND,
        uri + ": " + why,
        "check the source's mirror, suite, components and architectures in the blueprint");
  }
}
