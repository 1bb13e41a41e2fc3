package org.debforge.core.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/**
 * The Debian mirror to use when a config names none: {@code DEBIAN_MIRROR} if set, else the first
 * Debian archive this host's own APT sources use. Users behind a local mirror or proxy have already
 * told APT about it, so we never write a mirror URL of our own.
 */
public final class HostMirror {
  public static final String ENV = "DEBIAN_MIRROR";

  private HostMirror() {}

  /** The mirror URL, without a trailing slash. */
  public static String detect() {
    return detect(System.getenv(), Path.of("/etc/apt"))
        .orElseThrow(
            () ->
                new DebforgeException(
                    ErrorKind.NOT_FOUND,
                    "no Debian mirror configured",
                    "set "
                        + ENV
                        + "=http://your.mirror/debian or add one to /etc/apt/sources.list"));
  }

  static Optional<String> detect(Map<String, String> env, Path aptDir) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(trim(fromEnv.strip()));
    }
    for (String uri : sourceUris(aptDir)) {
      // Security and third-party archives are not full Debian mirrors.
      if (!uri.contains("security") && uri.matches("(?i)^(https?|file|ftp)://.*debian.*")) {
        return Optional.of(trim(uri));
      }
    }
    return Optional.empty();
  }

  /** URIs of Debian ("deb") sources, deb822 .sources files first, as apt reads them. */
  static List<String> sourceUris(Path aptDir) {
    List<String> uris = new ArrayList<>();
    Path dir = aptDir.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          if (f.toString().endsWith(".sources")) {
            for (Paragraph p : Deb822.read(f, Deb822.Options.CONTROL_FILE)) {
              if (p.get("Types").orElse("").contains("deb")
                  && !p.get("Enabled").orElse("yes").equals("no")) {
                p.get("URIs").ifPresent(u -> uris.add(u.strip().split("\\s+")[0]));
              }
            }
          }
        }
      } catch (IOException | DebforgeException e) {
        // An unreadable source file is apt's problem; fall through to sources.list.
      }
    }
    Path list = aptDir.resolve("sources.list");
    if (Files.isRegularFile(list)) {
      try {
        for (String line : Files.readAllLines(list)) {
          String[] w = line.strip().split("\\s+");
          if (w.length >= 3 && w[0].equals("deb")) {
            for (String word : w) {
              if (word.contains("://")) {
                uris.add(word);
                break;
              }
            }
          }
        }
      } catch (IOException e) {
        // As above.
      }
    }
    return uris;
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
