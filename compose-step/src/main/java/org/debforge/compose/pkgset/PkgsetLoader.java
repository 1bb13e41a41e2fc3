package org.debforge.compose.pkgset;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.pgp.Keyring;
import org.debforge.core.pgp.Verifier;
import org.debforge.core.repo.Release;

/**
 * Pungi's pkgset phase: for each source, architecture and component, fetch {@code InRelease},
 * verify it with the source's keyring (as apt does through gpgv), then fetch the Packages index it
 * lists (xz preferred, then gz, then plain) and check its SHA-256 and size against it.
 */
public final class PkgsetLoader {
  private static final List<String> EXTENSIONS = List.of(".xz", ".gz", "");

  private final Fetcher fetcher;
  private final ContentCache cache;

  private final Clock clock;

  public PkgsetLoader(Fetcher fetcher, ContentCache cache) {
    this(fetcher, cache, Clock.systemUTC());
  }

  /**
   * @param clock the time key expiry and the Release's Valid-Until are judged at
   */
  public PkgsetLoader(Fetcher fetcher, ContentCache cache, Clock clock) {
    this.fetcher = fetcher;
    this.cache = cache;
    this.clock = clock;
  }

  public PackageSet load(List<PackageSource> sources, List<String> arches, PrintWriter log) {
    List<SourceIndex> out = new ArrayList<>();
    for (PackageSource s : sources) {
      Release release = verifiedRelease(s, log);
      Map<String, FileChecksum> listed =
          release.files(ChecksumField.SHA256).stream()
              .collect(Collectors.toMap(FileChecksum::name, f -> f, (a, b) -> a));
      for (String arch : arches) {
        for (String comp : s.repo().components()) {
          out.add(index(s, release, listed, comp, arch, log));
        }
      }
    }
    return new PackageSet(sources, out);
  }

  private Release verifiedRelease(PackageSource s, PrintWriter log) {
    URI uri = Fetcher.under(s.repo().base(), "dists/" + s.repo().suite() + "/InRelease");
    log.println("pkgset: " + s.name() + ": fetching " + uri);
    String text = new String(fetcher.bytes(uri), StandardCharsets.UTF_8);
    Keyring keyring = Keyring.read(s.repo().keyring());
    Verifier.Verification v =
        new Verifier(keyring, clock.instant()).verifyClearsigned(text, uri.toString());
    log.println(
        "pkgset: "
            + s.name()
            + ": InRelease signed by "
            + v.fingerprint()
            + " ("
            + v.userId()
            + ")");
    Release release = Release.parse(v.signedText(), uri.toString());
    // apt refuses a Release past its Valid-Until: a replayed old (signed) state of the archive.
    release
        .validUntil()
        .filter(t -> t.toInstant().isBefore(clock.instant()))
        .ifPresent(
            t -> {
              throw new DebforgeException(
                  ErrorKind.VERIFICATION_FAILED,
                  uri + ": field 'Valid-Until': the Release expired at " + t,
                  "the mirror serves an outdated state of the archive; use an up-to-date mirror");
            });
    return release;
  }

  private SourceIndex index(
      PackageSource s,
      Release release,
      Map<String, FileChecksum> listed,
      String comp,
      String arch,
      PrintWriter log) {
    String base = comp + "/binary-" + arch + "/Packages";
    for (String ext : EXTENSIONS) {
      FileChecksum f = listed.get(base + ext);
      if (f == null) {
        continue;
      }
      URI uri = Fetcher.under(s.repo().base(), "dists/" + s.repo().suite() + "/" + base + ext);
      var file = cache.get(f.digest(), f.size(), uri.toString(), tmp -> fetcher.download(uri, tmp));
      log.println(
          "pkgset: " + s.name() + ": " + base + ext + " sha256 " + f.digest() + " verified");
      return new SourceIndex(s, comp, arch, file);
    }
    throw new DebforgeException(
        ErrorKind.NOT_FOUND,
        "source '"
            + s.name()
            + "': the signed Release of "
            + s.repo().base()
            + " dists/"
            + s.repo().suite()
            + " lists no "
            + base
            + "(.xz|.gz)",
        "the suite has components "
            + release.components()
            + " and architectures "
            + release.architectures()
            + ": fix the source's components or the blueprint's architectures");
  }
}
