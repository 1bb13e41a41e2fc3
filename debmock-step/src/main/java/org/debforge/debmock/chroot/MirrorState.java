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

  private static final java.util.regex.Pattern HEAD_DATE =
      java.util.regex.Pattern.compile("(?m)^Date:[ \\t]*(\\S.*?)\\r?$");

  /**
   * The Release paragraph's part of a clearsigned InRelease's head: after the armor header's blank
   * line, up to the next blank line (a field of the armor header is never taken for Date).
   */
  static String headerOf(String head) {
    int start = head.startsWith("-----BEGIN PGP SIGNED MESSAGE-----") ? head.indexOf("\n\n") : -1;
    String body = start < 0 ? head : head.substring(start + 2);
    int end = body.indexOf("\n\n");
    return end < 0 ? body : body.substring(0, end);
  }

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
        // Date is in the first lines of InRelease: ask for its head only (every warm build asks),
        // and read the whole file when the server ignores the range or the head lacks the field.
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("Range", "bytes=0-4095")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 206) {
          String head = headerOf(r.body());
          java.util.regex.Matcher m = HEAD_DATE.matcher(head);
          // A Date line cut by the range's end is not trusted: it must end before the head does.
          if (m.find() && m.end() < head.length()) {
            return m.group(1).strip();
          }
          r =
              client.send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                  HttpResponse.BodyHandlers.ofString());
        }
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
