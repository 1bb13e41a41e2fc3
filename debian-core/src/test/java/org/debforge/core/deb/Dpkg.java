package org.debforge.core.deb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the real dpkg tools for comparison: stdout as a string, failing loudly on errors. */
final class Dpkg {
  private Dpkg() {}

  /** Runs {@code cmd} with TZ=UTC and the C locale, so dates and names match our listing. */
  static String run(String... cmd) {
    try {
      Path out = Files.createTempFile("dpkg", ".out");
      Path err = Files.createTempFile("dpkg", ".err");
      try {
        ProcessBuilder pb =
            new ProcessBuilder(List.of(cmd))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(Map.of("TZ", "UTC", "LC_ALL", "C"));
        int rc = pb.start().waitFor();
        if (rc != 0) {
          throw new AssertionError(
              String.join(" ", cmd) + " failed (" + rc + "): " + Files.readString(err));
        }
        return new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Our {@code dpkg-deb -c} equivalent, in UTC and the C locale like {@link #run}. */
  static String contents(Path deb) {
    TarListing listing = new TarListing(java.time.ZoneOffset.UTC, false);
    StringBuilder sb = new StringBuilder();
    try (DebReader r = DebReader.open(deb)) {
      r.readData((e, content) -> sb.append(listing.line(e)));
    }
    return sb.toString();
  }
}
