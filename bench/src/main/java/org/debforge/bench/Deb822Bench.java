package org.debforge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.core.control.Deb822;

/**
 * Parses a Packages file with {@link Deb822#forEach}, reading one field per paragraph, and prints
 * MB/s: {@code java -cp ... org.debforge.bench.Deb822Bench Packages [rounds]}. bench/deb822.sh runs
 * it against python3-apt's TagFile on the same file.
 */
public final class Deb822Bench {
  private Deb822Bench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long bytes = Files.size(file);
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      byte[] data = Files.readAllBytes(file);
      long[] count = new long[2];
      Deb822.forEach(
          data,
          file.toString(),
          Deb822.Options.STRICT,
          p -> {
            count[0]++;
            count[1] += p.value("Package").length();
          });
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "round %d: %d paragraphs, %.3f s, %.0f MB/s (read+parse)%n",
          r, count[0], s, bytes / 1e6 / s);
    }
  }
}
