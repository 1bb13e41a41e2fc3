package org.debforge.debmock.repro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.DebMock;
import org.debforge.debmock.lock.BuildrootLock;
import org.debforge.debmock.lock.HermeticBuild;
import org.debforge.debmock.result.Artifact;
import org.debforge.debmock.result.BuildResult;

/**
 * {@code --verify-reproducible}: builds the source, then again hermetically from the first build's
 * {@code buildroot_lock.json} in another build path ({@code /build/NAME-VERSION-2}) and later, and
 * compares the binary packages byte for byte. The .changes and .buildinfo are not compared: they
 * hold the build date and path by design. Writes {@code reproducible.json} (and, where diffoscope
 * is installed, {@code diffoscope-NAME.txt} per differing package) into the result directory.
 */
public final class ReproducibleBuild {
  public static final String REPORT = "reproducible.json";
  public static final String SECOND = "reproducible-2";
  static final Path DIFFOSCOPE = Path.of("/usr/bin/diffoscope");

  /** One binary package whose two builds differ (or exist only once: the other sha256 null). */
  public record Difference(
      String name, String firstSha256, String secondSha256, String diffoscope) {}

  /** The outcome. */
  public record Report(
      boolean reproducible, List<String> compared, List<Difference> differing, Path second) {
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("schema_version", 1);
      m.put("reproducible", reproducible);
      m.put("second_build", second.toString());
      m.put("compared", compared);
      List<Map<String, Object>> d = new ArrayList<>();
      for (Difference x : differing) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", x.name());
        e.put("first_sha256", x.firstSha256());
        e.put("second_sha256", x.secondSha256());
        e.put("diffoscope", x.diffoscope());
        d.add(e);
      }
      m.put("differing", d);
      return m;
    }
  }

  private ReproducibleBuild() {}

  /**
   * @param engineAt a deb-mock engine writing to the given result directory (the same config and
   *     plugins each time)
   * @return the first build's result; throws VERIFICATION_FAILED naming the differing packages
   */
  public static BuildResult run(String dsc, Path resultDir, Function<Path, DebMock> engineAt) {
    BuildResult first = engineAt.apply(resultDir).rebuild(dsc);
    Path lock = resultDir.resolve(BuildrootLock.FILE_NAME);
    if (!Files.isRegularFile(lock)) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "--verify-reproducible: the first build wrote no " + BuildrootLock.FILE_NAME,
          "enable the buildroot_lock plugin (--enable-plugin=buildroot_lock)");
    }
    Path secondDir = resultDir.resolve(SECOND);
    BuildResult second =
        engineAt
            .apply(secondDir)
            .hermetic(HermeticBuild.read(lock))
            .buildDirSuffix("2")
            .rebuild(dsc);
    Report report = compare(first, resultDir, second, secondDir);
    write(report, resultDir.resolve(REPORT));
    if (!report.reproducible()) {
      StringBuilder sb = new StringBuilder();
      for (Difference d : report.differing()) {
        sb.append("\n  ").append(d.name());
        if (d.diffoscope() != null) {
          sb.append(" (").append(resultDir.resolve(d.diffoscope())).append(')');
        }
      }
      throw new DebforgeException(
          ErrorKind.VERIFICATION_FAILED,
          "not reproducible: "
              + report.differing().size()
              + " of "
              + report.compared().size()
              + " packages differ between "
              + resultDir
              + " and "
              + secondDir
              + ":"
              + sb,
          "see "
              + resultDir.resolve(REPORT)
              + (Files.exists(DIFFOSCOPE) ? "" : "; install diffoscope for details"));
    }
    return first;
  }

  /** Compares the binary packages (deb, udeb, ddeb) of two builds by sha256. */
  static Report compare(BuildResult first, Path firstDir, BuildResult second, Path secondDir) {
    Map<String, String> a = binaries(first);
    Map<String, String> b = binaries(second);
    TreeMap<String, Boolean> names = new TreeMap<>();
    a.keySet().forEach(n -> names.put(n, true));
    b.keySet().forEach(n -> names.put(n, true));
    List<Difference> differing = new ArrayList<>();
    for (String n : names.keySet()) {
      String x = a.get(n);
      String y = b.get(n);
      if (x == null || !x.equals(y)) {
        String report =
            x != null && y != null
                ? diffoscope(firstDir.resolve(n), secondDir.resolve(n), firstDir)
                : null;
        differing.add(new Difference(n, x, y, report));
      }
    }
    return new Report(
        differing.isEmpty(), List.copyOf(names.keySet()), List.copyOf(differing), secondDir);
  }

  private static Map<String, String> binaries(BuildResult r) {
    Map<String, String> out = new TreeMap<>();
    for (Artifact x : r.artifacts()) {
      if (List.of("deb", "udeb", "ddeb").contains(x.kind())) {
        out.put(x.name(), x.sha256());
      }
    }
    return out;
  }

  /** diffoscope's text report, as a file name in {@code into}; null when it is not installed. */
  private static String diffoscope(Path a, Path b, Path into) {
    if (!Files.isExecutable(DIFFOSCOPE)) {
      return null;
    }
    String name = "diffoscope-" + a.getFileName() + ".txt";
    try {
      Process p =
          new ProcessBuilder(
                  DIFFOSCOPE.toString(),
                  "--text",
                  into.resolve(name).toString(),
                  "--",
                  a.toString(),
                  b.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.waitFor();
      return Files.exists(into.resolve(name)) ? name : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static void write(Report report, Path file) {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(tmp.toFile(), report.toJson());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "cannot write " + file, null, e);
    }
  }
}
