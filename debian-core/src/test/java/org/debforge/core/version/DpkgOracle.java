package org.debforge.core.version;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real references our order is checked against: {@code dpkg --compare-versions} (one shell
 * running many comparisons) and python3-apt's {@code apt_pkg.version_compare} (apt's C++ code) for
 * bulk. Each returns -1, 0 or 1 per pair.
 */
public final class DpkgOracle {
  private DpkgOracle() {}

  /**
   * The dpkg command's verdicts; about 1.5 dpkg runs per pair, so keep the lists to a few thousand.
   */
  public static int[] dpkg(List<String[]> pairs) {
    StringBuilder script = new StringBuilder();
    script
        .append("c() { if dpkg --compare-versions \"$1\" lt \"$2\" 2>/dev/null; then echo -1;")
        .append(" elif dpkg --compare-versions \"$1\" eq \"$2\" 2>/dev/null; then echo 0;")
        .append(" else echo 1; fi; }\n");
    for (String[] p : pairs) {
      script.append("c ").append(quote(p[0])).append(' ').append(quote(p[1])).append('\n');
    }
    return run(List.of("sh", "-s"), script.toString(), pairs.size());
  }

  /** What {@link #libdpkg} answers for a pair dpkg refuses. */
  public static final int REFUSED = 2;

  /**
   * dpkg's verdicts from dpkg's own library: a small C program linked with libdpkg (libdpkg-dev)
   * that runs {@code parseversion} and {@code dpkg_version_compare}, as {@code dpkg
   * --compare-versions} does, for any number of pairs in one process. {@link #REFUSED} where dpkg
   * would exit with an error.
   */
  public static int[] libdpkg(List<String[]> pairs) {
    StringBuilder in = new StringBuilder();
    for (String[] p : pairs) {
      in.append(p[0]).append('\t').append(p[1]).append('\n');
    }
    return run(List.of(libdpkgProgram().toString()), in.toString(), pairs.size());
  }

  private static synchronized Path libdpkgProgram() {
    Path exe = Path.of("target", "libdpkg-vercmp").toAbsolutePath();
    if (Files.isExecutable(exe)) {
      return exe;
    }
    try (var src = DpkgOracle.class.getResourceAsStream("libdpkg-vercmp.c")) {
      Files.createDirectories(exe.getParent());
      Path c = exe.resolveSibling("libdpkg-vercmp.c");
      Files.write(c, src.readAllBytes());
      Process p =
          new ProcessBuilder(
                  "sh",
                  "-c",
                  "cc -O2 -o \"$1\" \"$2\" $(pkg-config --static --libs libdpkg)",
                  "cc",
                  exe.toString(),
                  c.toString())
              .redirectErrorStream(true)
              .start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new AssertionError(
            "cannot build the libdpkg oracle (scripts/install-deps installs libdpkg-dev): " + log);
      }
      return exe;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** apt's verdicts through python3-apt (Debian's /usr/bin/python3, which has apt_pkg). */
  public static int[] apt(List<String[]> pairs) {
    String program =
        "import sys, apt_pkg\n"
            + "apt_pkg.init_system()\n"
            + "out = []\n"
            + "for line in sys.stdin:\n"
            + "    a, b = line.rstrip('\\n').split('\\t')\n"
            + "    r = apt_pkg.version_compare(a, b)\n"
            + "    out.append('-1' if r < 0 else '1' if r > 0 else '0')\n"
            + "sys.stdout.write('\\n'.join(out) + '\\n')\n";
    StringBuilder in = new StringBuilder();
    for (String[] p : pairs) {
      in.append(p[0]).append('\t').append(p[1]).append('\n');
    }
    return run(List.of("/usr/bin/python3", "-c", program), in.toString(), pairs.size());
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static int[] run(List<String> cmd, String stdin, int expected) {
    try {
      Path err = Files.createTempFile("oracle", ".err");
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try (var w =
                    new BufferedWriter(
                        new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8))) {
                  w.write(stdin);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      int[] result = new int[expected];
      int n = 0;
      try (var r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (n < expected) {
            result[n] = line.equals("E") ? REFUSED : Integer.parseInt(line.strip());
          }
          n++;
        }
      }
      writer.join();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || n != expected) {
        throw new AssertionError(
            cmd.get(0) + " failed (" + n + "/" + expected + " answers): " + Files.readString(err));
      }
      Files.deleteIfExists(err);
      return result;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
