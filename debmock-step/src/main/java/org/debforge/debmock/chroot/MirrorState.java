package org.debforge.debmock.chroot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/**
 * The mirror's state for a suite, as far as the base root depends on it: the {@code Date} of the
 * suite's InRelease. A new Date means new packages, so a new base root.
 */
public final class MirrorState {
  private MirrorState() {}

  /** The {@code Date:} field of {@code MIRROR/dists/SUITE/InRelease}. */
  public static String releaseDate(String mirror, String suite) {
    String url = mirror + "/dists/" + suite + "/InRelease";
    String text;
    try {
      if (url.startsWith("file://")) {
        text = Files.readString(Path.of(URI.create(url)));
      } else {
        HttpClient client =
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IOException("HTTP " + r.statusCode());
        }
        text = r.body();
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP,
          "cannot read " + url + ": " + e.getMessage(),
          "check the mirror and suite in the config, or use --offline to reuse a cached root",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.CHROOT_SETUP, "interrupted reading " + url);
    }
    Paragraph p = Deb822.parseOne(Deb822.unwrapClearsigned(text, url).text(), url);
    return p.require("Date");
  }
}
