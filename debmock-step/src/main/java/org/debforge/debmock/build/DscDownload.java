package org.debforge.debmock.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Dsc;
import org.debforge.core.control.ListedFile;

/**
 * {@code --rebuild https://.../pkg.dsc}: fetches a .dsc and the files it lists (from the same
 * directory URL, as dget does) into a local directory, then validates them like a local .dsc. No
 * download may exceed the size the .dsc gives, so a hostile server cannot fill the disk.
 */
public final class DscDownload {
  /** A .dsc is a few kilobytes; anything far larger is not one. */
  static final long MAX_DSC_BYTES = 1 << 20;

  private final HttpClient http;

  public DscDownload() {
    this(
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build());
  }

  DscDownload(HttpClient http) {
    this.http = http;
  }

  /** Whether {@code arg} names a .dsc by http(s) URL rather than a local path. */
  public static boolean isUrl(String arg) {
    return arg.startsWith("http://") || arg.startsWith("https://");
  }

  /**
   * Downloads {@code url} and its files into {@code dir} and validates them.
   *
   * @param keyring as for {@link DscValidator#validate(Path, List)}
   */
  public SourcePackage fetch(String url, Path dir, List<Path> keyring) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "not a URL: " + url,
          "give an http:// or https:// URL of a .dsc");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (!name.endsWith(".dsc") || !name.matches("[A-Za-z0-9][A-Za-z0-9+.~_-]*")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          url + ": does not name a .dsc file",
          "give the URL of a .dsc, e.g. .../pool/main/h/hello/hello_2.10-3.dsc");
    }
    Path dsc = dir.resolve(name);
    download(uri, dsc, MAX_DSC_BYTES, false);
    // Only the file names are needed here; the signature and checksums are checked by validate.
    Dsc control = Dsc.read(dsc);
    for (ListedFile f : control.files()) {
      download(uri.resolve(f.name()), dir.resolve(f.name()), f.size(), true);
    }
    return DscValidator.validate(dsc, keyring);
  }

  private void download(URI uri, Path to, long limit, boolean exact) {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
    try {
      HttpResponse<InputStream> rsp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = rsp.body()) {
        if (rsp.statusCode() != 200) {
          throw new DebforgeException(
              rsp.statusCode() == 404 ? ErrorKind.NOT_FOUND : ErrorKind.IO,
              uri + ": HTTP " + rsp.statusCode(),
              "check the URL; every file the .dsc lists must be next to it on the server");
        }
        long n = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
          byte[] buf = new byte[1 << 16];
          for (int r; (r = in.read(buf)) > 0; ) {
            n += r;
            if (n > limit) {
              throw new DebforgeException(
                  ErrorKind.VERIFICATION_FAILED,
                  uri
                      + ": larger than the "
                      + limit
                      + " bytes "
                      + (exact ? "the .dsc lists" : "a .dsc may have"),
                  "the server sent another file than the .dsc describes");
            }
            out.write(buf, 0, r);
          }
        }
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          "cannot download " + uri + ": " + e.getMessage(),
          "check the network and the URL",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.IO, "interrupted downloading " + uri, null, e);
    }
  }
}
