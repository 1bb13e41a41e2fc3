package org.debforge.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.debforge.core.mirror.HostMirror;
import org.debforge.core.relation.RelationField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.XZInputStream;

/**
 * Every version in bookworm main (binary-amd64): all parse, and our order agrees with dpkg's on the
 * sorted sequence and on 300,000 random pairs (dpkg's own code through libdpkg, and apt), with a
 * sample through the dpkg command itself.
 */
@Tag("network")
@Tag("slow")
class ArchiveVersionsTest {
  static final Path CACHE = Path.of("/tmp/debforge-test-cache");
  static final String INDEX = "main/binary-amd64/Packages.xz";
  static List<String> versions;
  static List<String[]> relationFields;

  @BeforeAll
  static void load() throws Exception {
    Path packages = fetchVerified();
    Set<String> distinct = new LinkedHashSet<>();
    relationFields = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new XZInputStream(Files.newInputStream(packages)), StandardCharsets.UTF_8),
            1 << 16)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("Version: ")) {
          distinct.add(line.substring(9));
        }
        for (String f :
            List.of(
                "Depends",
                "Pre-Depends",
                "Recommends",
                "Suggests",
                "Breaks",
                "Conflicts",
                "Provides",
                "Replaces",
                "Enhances")) {
          if (line.startsWith(f + ": ")) {
            relationFields.add(new String[] {f, line.substring(f.length() + 2)});
          }
        }
      }
    }
    versions = new ArrayList<>(distinct);
  }

  /** Packages.xz from the host's mirror, cached, checked against the (unsigned) Release. */
  static Path fetchVerified() throws Exception {
    Files.createDirectories(CACHE);
    Path release = fetch("dists/bookworm/Release", CACHE.resolve("bookworm-Release"));
    Path packages = CACHE.resolve("bookworm-main-binary-amd64-Packages.xz");
    String expected = null;
    boolean inSha256 = false;
    for (String line : Files.readAllLines(release)) {
      if (!line.startsWith(" ")) {
        inSha256 = line.startsWith("SHA256:");
      } else if (inSha256 && line.endsWith(" " + INDEX)) {
        expected = line.strip().split("\\s+")[0];
      }
    }
    assertThat(expected).as("SHA256 of " + INDEX + " in Release").isNotNull();
    for (int attempt = 0; attempt < 2; attempt++) {
      fetch("dists/bookworm/" + INDEX, packages);
      if (sha256(packages).equals(expected)) {
        return packages;
      }
      // A stale cache from an older Release: fetch both again.
      Files.delete(packages);
      Files.delete(release);
      fetch("dists/bookworm/Release", release);
    }
    throw new AssertionError(INDEX + " does not match its Release checksum");
  }

  static Path fetch(String path, Path to) throws IOException, InterruptedException {
    if (Files.isRegularFile(to)) {
      return to;
    }
    HttpResponse<InputStream> resp =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(HostMirror.detect() + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(resp.statusCode()).as(path).isEqualTo(200);
    Path tmp = Files.createTempFile(to.getParent(), to.getFileName().toString(), ".part");
    try (InputStream in = resp.body()) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }

  static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @Test
  void everyArchiveVersionParsesStrictly() {
    // About 63,000 paragraphs, about 21,000 distinct versions.
    assertThat(versions).hasSizeGreaterThan(20_000);
    long t0 = System.nanoTime();
    for (String v : versions) {
      assertThat(DebianVersion.parse(v)).hasToString(v);
    }
    report("parse", versions.size(), System.nanoTime() - t0);
  }

  @Test
  void sortedOrderAndRandomPairsAgreeWithDpkgAndApt() {
    List<String> sorted = new ArrayList<>(versions);
    long t0 = System.nanoTime();
    sorted.sort(DebianVersion::compare);
    report("sort (n log n compares)", sorted.size(), System.nanoTime() - t0);

    List<String[]> pairs = new ArrayList<>();
    for (int i = 1; i < sorted.size(); i++) {
      pairs.add(new String[] {sorted.get(i - 1), sorted.get(i)});
    }
    Random random = new Random(20230610);
    for (int i = 0; i < 300_000; i++) {
      pairs.add(
          new String[] {
            sorted.get(random.nextInt(sorted.size())), sorted.get(random.nextInt(sorted.size()))
          });
    }
    int[] ours = new int[pairs.size()];
    // Warm up, then time the comparisons alone.
    for (int round = 0; round < 3; round++) {
      t0 = System.nanoTime();
      for (int i = 0; i < ours.length; i++) {
        ours[i] = Integer.signum(DebianVersion.compare(pairs.get(i)[0], pairs.get(i)[1]));
      }
      report("compare round " + round, ours.length, System.nanoTime() - t0);
    }
    int[] libdpkg = DpkgOracle.libdpkg(pairs);
    int[] apt = DpkgOracle.apt(pairs);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < pairs.size() && disagreements.size() < 20; i++) {
      if (ours[i] != libdpkg[i] || ours[i] != apt[i]) {
        disagreements.add(
            pairs.get(i)[0]
                + " vs "
                + pairs.get(i)[1]
                + ": ours "
                + ours[i]
                + ", dpkg "
                + libdpkg[i]
                + ", apt "
                + apt[i]);
      }
    }
    assertThat(disagreements).isEmpty();
    // Adjacent pairs in our order must never be descending for dpkg.
    for (int i = 0; i < sorted.size() - 1; i++) {
      assertThat(libdpkg[i]).isLessThanOrEqualTo(0);
    }

    // And the dpkg command itself, on a random sample (one dpkg run per comparison).
    List<String[]> sample = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sample.add(pairs.get(random.nextInt(pairs.size())));
    }
    int[] dpkg = DpkgOracle.dpkg(sample);
    for (int i = 0; i < sample.size(); i++) {
      assertThat(Integer.signum(DebianVersion.compare(sample.get(i)[0], sample.get(i)[1])))
          .as("%s vs %s", sample.get(i)[0], sample.get(i)[1])
          .isEqualTo(dpkg[i]);
    }
  }

  @Test
  void everyRelationFieldOfTheArchiveParsesAndRoundTrips() {
    assertThat(relationFields).hasSizeGreaterThan(50_000);
    int canonical = 0;
    long t0 = System.nanoTime();
    for (String[] f : relationFields) {
      if (RelationField.parse(f[0], f[1]).toString().equals(f[1])) {
        canonical++;
      }
    }
    report("relation parse", relationFields.size(), System.nanoTime() - t0);
    // dpkg-gencontrol writes these fields in canonical form, so ours must print them back.
    assertThat(canonical).isEqualTo(relationFields.size());
  }

  private static void report(String what, int n, long nanos) {
    System.out.printf(
        "ArchiveVersionsTest: %s: %d in %.1f ms = %.0f/s%n",
        what, n, nanos / 1e6, n / (nanos / 1e9));
  }
}
