package org.debforge.bench;

import java.nio.file.Path;
import java.util.Arrays;
import org.debforge.core.mirror.HostMirror;
import org.debforge.core.resolve.PackageUniverse;
import org.debforge.core.resolve.Resolution;
import org.debforge.core.resolve.Resolver;

/**
 * Loads a Packages index and a dpkg status into a {@link PackageUniverse}, then resolves each named
 * package in-process, as {@code apt-get install -s --no-install-recommends} would. Prints {@code
 * load SECONDS PACKAGES} and one {@code NAME median_seconds installs} line per request. Run by
 * {@code bench/resolve-vs-apt.sh}, which times apt on the same input and prints ratios.
 *
 * <p>Usage: {@code ResolveBench PACKAGES STATUS ROUNDS NAME...}, or {@code ResolveBench --mirror}
 * to print the Debian mirror the host uses.
 */
public final class ResolveBench {
  private ResolveBench() {}

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--mirror")) {
      System.out.println(HostMirror.detect());
      return;
    }
    Path packages = Path.of(args[0]);
    Path status = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    String[] names = Arrays.copyOfRange(args, 3, args.length);
    long t0 = System.nanoTime();
    PackageUniverse universe =
        PackageUniverse.builder("amd64").source(packages).status(status).build();
    double load = (System.nanoTime() - t0) / 1e9;
    System.out.printf("load %.3f %d%n", load, universe.packageCount());
    Resolver resolver = new Resolver(universe, Resolver.Options.NO_RECOMMENDS);
    for (String name : names) {
      // The first resolutions run in the interpreter; apt's code is compiled ahead of time.
      for (int warm = 0; warm < 5; warm++) {
        resolver.resolve(name);
      }
      double[] times = new double[rounds];
      int installs = 0;
      for (int r = 0; r < rounds; r++) {
        long s = System.nanoTime();
        Resolution res = resolver.resolve(name);
        times[r] = (System.nanoTime() - s) / 1e9;
        installs = res.satisfiable() ? res.install().size() : -1;
      }
      Arrays.sort(times);
      System.out.printf("%s %.6f %d%n", name, times[rounds / 2], installs);
    }
  }
}
