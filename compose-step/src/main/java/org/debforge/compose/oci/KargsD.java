package org.debforge.compose.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * bootc's {@code /usr/lib/bootc/kargs.d}: each {@code *.toml} file holds {@code kargs = ["..."]}
 * and optionally {@code match-architectures = ["x86_64"]}, nothing else (bootc's serde struct
 * denies unknown fields). bootc reads them at install and upgrade; a file it cannot parse stops
 * both, so its lint refuses the image.
 */
final class KargsD {
  private KargsD() {}

  static final String DIR = "usr/lib/bootc/kargs.d";
  private static final Set<String> KEYS = Set.of("kargs", "match-architectures");
  private static final TomlMapper TOML = new TomlMapper();

  /** A file bootc could not read: its path in the image and why. */
  record Problem(String path, String detail) {}

  static List<Problem> check(Path tree) throws IOException {
    Path dir = tree.resolve(DIR);
    List<Problem> out = new ArrayList<>();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out; // bootc: no folder, no kernel arguments
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      out.add(new Problem("/" + DIR, "not a directory"));
      return out;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(f -> f.getFileName().toString().endsWith(".toml"))
              .sorted() // bootc reads them in name order
              .toList();
    }
    for (Path f : files) {
      String shown = "/" + DIR + "/" + f.getFileName();
      if (!Files.isRegularFile(f)) {
        out.add(new Problem(shown, "not a regular file"));
        continue;
      }
      problem(Files.readAllBytes(f)).ifPresent(d -> out.add(new Problem(shown, d)));
    }
    return out;
  }

  /** What bootc would say of one file's content, or empty when it parses. */
  static java.util.Optional<String> problem(byte[] content) {
    JsonNode doc;
    try {
      doc = TOML.readTree(content);
    } catch (IOException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().get();
      return java.util.Optional.of("not TOML: " + m);
    }
    if (doc == null || !doc.isObject()) {
      return java.util.Optional.of("not a TOML table");
    }
    for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        return java.util.Optional.of(
            "unknown key '" + k + "' (bootc takes kargs and match-architectures)");
      }
    }
    if (!doc.has("kargs")) {
      return java.util.Optional.of("missing kargs = [\"...\"]");
    }
    for (String k : List.of("kargs", "match-architectures")) {
      JsonNode n = doc.get(k);
      if (n == null) {
        continue;
      }
      if (!n.isArray()) {
        return java.util.Optional.of(k + " is not an array of strings");
      }
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          return java.util.Optional.of(k + " holds " + e + ", not a string");
        }
      }
    }
    return java.util.Optional.empty();
  }
}
