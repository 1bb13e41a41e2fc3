package org.debforge.ostree.layer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * One APT repository packages are layered from: a base URI, a suite and components, as a {@code
 * deb} line names them. Read from the base commit's {@code debforge.lock} (the compose's lock,
 * whose {@code sources} are exactly the repositories the base was composed from), or given on the
 * command line ({@code --source "URI SUITE COMPONENT..."}) for a base without one.
 */
public record AptSource(String uri, String suite, List<String> components) {
  public AptSource {
    if (!uri.matches("(https?|file|copy)://[^\\s\\]\\[]+") && !uri.matches("/[^\\s\\]\\[]*")) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not an http(s):// or file:// repository URI");
    }
    if (uri.startsWith("/")) {
      uri = "file://" + uri;
    }
    uri = uri.replaceAll("/+$", "");
    if (!suite.matches("[A-Za-z0-9._/-]+") || suite.contains("..")) {
      throw new IllegalArgumentException("'" + suite + "' is not a suite name");
    }
    components = List.copyOf(components);
    if (components.isEmpty()) {
      throw new IllegalArgumentException("a source needs at least one component");
    }
    for (String c : components) {
      if (!c.matches("[A-Za-z0-9._/-]+") || c.contains("..")) {
        throw new IllegalArgumentException("'" + c + "' is not a component name");
      }
    }
  }

  /** {@code URI SUITE COMPONENT...}, the part of a {@code deb} line after its options. */
  public static AptSource parse(String line) {
    String[] w = line.strip().split("\\s+");
    if (w.length < 3) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "--source '" + line + "': want URI SUITE COMPONENT...",
          "e.g. --source 'http://deb.debian.org/debian bookworm main'");
    }
    try {
      return new AptSource(w[0], w[1], List.of(w).subList(2, w.length));
    } catch (IllegalArgumentException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "--source '" + line + "': " + e.getMessage(), null);
    }
  }

  /**
   * The sources of a compose lock (lock.json schema 1).
   *
   * @param what names the lock in errors (the commit)
   */
  public static List<AptSource> fromLock(String lockJson, String what) {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(lockJson);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          what + ": debforge.lock is not JSON: " + e.getMessage(),
          "give the sources with --source");
    }
    List<AptSource> out = new ArrayList<>();
    int i = 0;
    for (JsonNode s : doc.path("sources")) {
      List<String> comps = new ArrayList<>();
      s.path("components").forEach(c -> comps.add(c.asText()));
      try {
        out.add(new AptSource(s.path("uri").asText(), s.path("suite").asText(), comps));
      } catch (IllegalArgumentException e) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            what + ": debforge.lock: field 'sources[" + i + "]': " + e.getMessage(),
            "give the sources with --source");
      }
      i++;
    }
    return out;
  }

  /** apt's name for this source's files in its lists folder, up to the suite. */
  String listsPrefix() {
    String u = uri.replaceFirst("^[a-z]+://", "");
    return (u + "/dists/" + suite).replace('/', '_');
  }
}
