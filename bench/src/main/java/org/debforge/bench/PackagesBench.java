package org.debforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;
import org.debforge.core.version.DebianVersion;

/**
 * Parses an APT Packages file and compares all its versions, the same work {@code
 * peers/apt_pkg_packages.py} does with apt's C++ parser, and prints one line per measure: {@code
 * NAME median_seconds units_per_second}. Run by {@code bench/core-parse.sh}, which prints ratios.
 */
public final class PackagesBench {
  private PackagesBench() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    double[] parse = new double[rounds];
    double[] compare = new double[rounds];
    int paragraphs = 0;
    long pairs = 0;
    for (int warm = 0; warm < 3; warm++) {
      run(file);
    }
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      List<String> versions = parse(file);
      long t1 = System.nanoTime();
      long sink = compareAll(versions);
      long t2 = System.nanoTime();
      parse[r] = (t1 - t0) / 1e9;
      compare[r] = (t2 - t1) / 1e9;
      paragraphs = versions.size();
      pairs = 2L * (versions.size() - 1);
      if (sink == Long.MIN_VALUE) {
        System.out.println(sink); // keeps the JIT from dropping the comparisons
      }
    }
    report("parse", median(parse), paragraphs, "paragraphs/s");
    report("compare", median(compare), pairs, "comparisons/s");
  }

  private static void run(Path file) throws IOException {
    compareAll(parse(file));
  }

  /** Reads the file and collects every Version, as a consumer of the index would. */
  static List<String> parse(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    List<String> versions = new ArrayList<>(70_000);
    Deb822.forEach(
        data,
        file.toString(),
        Deb822.Options.STRICT,
        (Paragraph p) -> {
          p.value("Package");
          versions.add(p.value("Version"));
        });
    return versions;
  }

  /** Compares each version with its neighbour, both ways. */
  static long compareAll(List<String> versions) {
    long sum = 0;
    for (int i = 1; i < versions.size(); i++) {
      sum += DebianVersion.compare(versions.get(i - 1), versions.get(i));
      sum += DebianVersion.compare(versions.get(i), versions.get(i - 1));
    }
    return sum;
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static void report(String name, double seconds, long units, String unit) {
    System.out.printf("%s %.4f %.0f %s%n", name, seconds, units / seconds, unit);
  }
}
