package org.debforge.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.debforge.core.fs.XdgDirs;
import org.debforge.core.mirror.HostMirror;
import org.debforge.core.repo.IndexReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The resolver against {@code apt-get install -s --no-install-recommends} on bookworm main/amd64,
 * from a clean state (the Priority: required set as apt installs it): 500 requests drawn with a
 * fixed seed plus hard cases (virtual packages, alternatives, Multi-Arch, conflicts, broken
 * packages). Every installed set must equal apt's, or both must refuse. apt's answers are cached
 * under target/, keyed by the index and status content.
 */
@Tag("network")
@Tag("slow")
class ResolverVsAptTest {
  // Absolute: apt reads a relative Dir::State::status as relative to Dir::State.
  static final Path CACHE = Path.of("target/resolver-apt").toAbsolutePath();
  static final String SUITE = "bookworm";
  static final String INDEX = "main/binary-amd64/Packages.xz";
  static final long SEED = 20261203L;
  static final int DRAWN = 500;

  /** Hard cases: virtual names, alternatives, :any (Multi-Arch: allowed), conflicts, pins. */
  static final List<String> HARD =
      List.of(
          "mail-transport-agent", // virtual, several providers: apt refuses
          "default-mta", // virtual with one provider: apt selects it
          "awk", // virtual, provided by an installed package and others
          "x-terminal-emulator",
          "bsd-mailx", // Depends: default-mta | mail-transport-agent
          "mutt",
          "logwatch",
          "postfix", // Conflicts/Provides: mail-transport-agent
          "exim4-daemon-heavy",
          "nullmailer",
          "dma",
          "systemd-sysv",
          "sysvinit-core", // conflicts with the init system
          "runit-init",
          "openrc",
          "chrony", // conflicts with other time daemons
          "ntp",
          "netcat-traditional",
          "original-awk",
          "busybox-static", // Conflicts: busybox
          "rsyslog",
          "syslog-ng",
          "php8.2", // alternatives of SAPIs
          "default-jre",
          "openjdk-17-jre-headless",
          "build-essential",
          "dh-python", // python3:any
          "debhelper", // perl:any via dh-autoreconf and friends
          "autoconf",
          "libperl-dev",
          "git-buildpackage",
          "python3-pip",
          "apache2",
          "nginx",
          "mariadb-server",
          "postgresql",
          "vim",
          "emacs",
          "lightdm",
          "xserver-xorg",
          "gnome-core",
          "hello=2.10-3",
          "hello:amd64",
          "libc6:amd64",
          "nosuchpackage-debforge");

  static AptOracle apt;
  static PackageUniverse universe;
  static Path answers;
  static Path packagesXz;

  @BeforeAll
  static void setUp() throws Exception {
    String mirror = HostMirror.detect();
    Files.createDirectories(CACHE);
    Path release = fetch(mirror, "dists/" + SUITE + "/InRelease", CACHE.resolve("InRelease"));
    packagesXz = CACHE.resolve("Packages.xz");
    String expected = sha256Of(Files.readString(release), INDEX);
    if (!Files.exists(packagesXz) || !sha256(packagesXz).equals(expected)) {
      Files.deleteIfExists(packagesXz);
      fetch(mirror, "dists/" + SUITE + "/" + INDEX, packagesXz);
      if (!sha256(packagesXz).equals(expected)) {
        // The cached InRelease may be older than the mirror's index: both again, once.
        Files.delete(release);
        Files.delete(packagesXz);
        fetch(mirror, "dists/" + SUITE + "/InRelease", release);
        fetch(mirror, "dists/" + SUITE + "/" + INDEX, packagesXz);
        assertThat(sha256(packagesXz))
            .as(INDEX + " against InRelease")
            .isEqualTo(sha256Of(Files.readString(release), INDEX));
      }
    }
    Path packages = CACHE.resolve("Packages");
    Files.write(packages, IndexReader.bytes(packagesXz));
    apt = new AptOracle(CACHE.resolve("apt"), mirror, SUITE, "amd64", packages, release);

    // The clean state: the Priority: required packages as apt installs them on an empty system.
    Files.writeString(apt.status, "");
    PackageUniverse bare = PackageUniverse.builder("amd64").source(packages).build();
    List<String> required = new ArrayList<>();
    for (String name : bare.realNames()) {
      bare.candidate(name, "amd64")
          .filter(v -> "required".equals(v.paragraph().value("Priority")))
          .ifPresent(v -> required.add(name));
    }
    AptOracle.Answer base = apt.install(required);
    assertThat(base.satisfiable()).as(base.output()).isTrue();
    Map<String, String> versions = new HashMap<>();
    for (String l : base.lines()) {
      String[] w = l.split(" ");
      versions.put(w[1], w[2]);
    }
    Files.writeString(apt.status, AptOracle.statusOf(packages, versions));
    universe = PackageUniverse.builder("amd64").source(packages).status(apt.status).build();
    // apt's answers outlive the build tree (a fresh clone, as CI's, would ask apt 545 times
    // again: 15 minutes): they are keyed by the index's and the state's content, so an answer is
    // only ever reused for the very same question.
    answers =
        Files.createDirectories(
            XdgDirs.fromEnvironment()
                .cacheHome()
                .resolve("debforge/test/resolver-apt-answers")
                .resolve(
                    sha256(packagesXz).substring(0, 16)
                        + "-"
                        + sha256(apt.status).substring(0, 16)));
    apt.install(List.of("hello")); // builds apt's cache once, before parallel runs share it
  }

  static List<String> requests() {
    List<String> names = new ArrayList<>(universe.realNames());
    names.sort(null);
    Random random = new Random(SEED);
    List<String> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (out.size() < DRAWN) {
      String n = names.get(random.nextInt(names.size()));
      if (seen.add(n)) {
        out.add(n);
      }
    }
    out.addAll(HARD);
    return out;
  }

  /** apt's answer for one request, from the cache or from apt-get. */
  static AptOracle.Answer aptAnswer(String request) throws Exception {
    Path file = answers.resolve(request.replace(':', '+'));
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file);
      return new AptOracle.Answer(
          lines.get(0).equals("OK"), new TreeSet<>(lines.subList(1, lines.size())), "(cached)");
    }
    AptOracle.Answer a = apt.install(List.of(request));
    List<String> lines = new ArrayList<>();
    lines.add(a.satisfiable() ? "OK" : "FAIL");
    lines.addAll(a.satisfiable() ? a.lines() : List.of());
    Path tmp = Files.createTempFile(answers, "answer", ".part");
    Files.write(tmp, lines);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return a.satisfiable() ? a : new AptOracle.Answer(false, new TreeSet<>(), a.output());
  }

  @Test
  void installedSetsEqualApts() throws Exception {
    List<String> requests = requests();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<String, Future<AptOracle.Answer>> theirs = new LinkedHashMap<>();
    for (String r : requests) {
      theirs.put(r, pool.submit(() -> aptAnswer(r)));
    }
    Resolver resolver = new Resolver(universe, Resolver.Options.NO_RECOMMENDS);
    int equal = 0;
    int bothRefuse = 0;
    List<String> differences = new ArrayList<>();
    for (String r : requests) {
      Resolution ours = resolver.resolve(r);
      AptOracle.Answer a = theirs.get(r).get();
      if (!a.satisfiable() && !ours.satisfiable()) {
        equal++;
        bothRefuse++;
      } else if (a.satisfiable() && ours.satisfiable() && a.lines().equals(AptOracle.lines(ours))) {
        equal++;
      } else {
        differences.add(describe(r, a, ours));
      }
    }
    pool.shutdown();
    String summary =
        String.format(
            "resolver vs apt-get install -s: %d requests (%d drawn, seed %d, + %d hard), %d equal"
                + " (%d both unsatisfiable), %d differ",
            requests.size(), DRAWN, SEED, HARD.size(), equal, bothRefuse, differences.size());
    System.out.println(summary);
    differences.forEach(System.out::println);
    assertThat(differences).as(summary).isEmpty();
  }

  /** apt itself driving our EDSP solver on the full bookworm universe gives its own answer. */
  @Test
  void aptWithTheEdspSolverAgrees(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path solvers = Files.createDirectories(tmp.resolve("solvers"));
    Path classes =
        Path.of(EdspSolver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path script = solvers.resolve("debforge");
    Files.writeString(
        script,
        "#!/bin/sh\nexec "
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + " -cp "
            + classes
            + " org.debforge.core.resolve.EdspSolver\n");
    // apt runs solvers as its sandbox user (_apt): the script and its directories must be readable.
    for (Path p = script; p != null && !p.equals(tmp.getParent()); p = p.getParent()) {
      Files.setPosixFilePermissions(
          p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    for (String request : List.of("hello", "git", "bsd-mailx")) {
      AptOracle.Answer internal = aptAnswer(request);
      AptOracle.Answer external =
          apt.install(
              List.of("-o", "Dir::Bin::Solvers::=" + solvers, "--solver", "debforge", request));
      assertThat(external.satisfiable()).as(external.output()).isEqualTo(internal.satisfiable());
      assertThat(external.lines()).as(request).isEqualTo(internal.lines());
    }
  }

  static String describe(String request, AptOracle.Answer a, Resolution ours) {
    StringBuilder sb = new StringBuilder("DIFF " + request + ": apt ");
    sb.append(a.satisfiable() ? a.lines().size() + " lines" : "refuses").append(", ours ");
    sb.append(
        ours.satisfiable() ? ours.install().size() + ours.remove().size() + " lines" : "refuses");
    if (a.satisfiable() && ours.satisfiable()) {
      TreeSet<String> mine = AptOracle.lines(ours);
      TreeSet<String> onlyApt = new TreeSet<>(a.lines());
      onlyApt.removeAll(mine);
      mine.removeAll(a.lines());
      sb.append("\n  apt only: ").append(onlyApt).append("\n  ours only: ").append(mine);
    } else if (!ours.satisfiable()) {
      sb.append('\n').append(ours.explanation().orElseThrow().render().indent(2));
    } else {
      sb.append('\n')
          .append(
              a.output()
                  .lines()
                  .filter(l -> !l.startsWith("Inst") && !l.startsWith("Conf"))
                  .limit(30)
                  .reduce("", (x, y) -> x + "  " + y + "\n"));
    }
    return sb.toString();
  }

  static String sha256Of(String release, String index) {
    boolean inSha256 = false;
    for (String line : release.split("\n")) {
      if (!line.startsWith(" ")) {
        inSha256 = line.startsWith("SHA256:");
      } else if (inSha256 && line.endsWith(" " + index)) {
        return line.strip().split("\\s+")[0];
      }
    }
    throw new AssertionError(index + " is not in the Release file's SHA256 list");
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

  static Path fetch(String mirror, String path, Path to) throws IOException, InterruptedException {
    if (Files.isRegularFile(to)) {
      return to;
    }
    HttpResponse<InputStream> resp =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(mirror + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(resp.statusCode()).as(mirror + "/" + path).isEqualTo(200);
    Path tmp = Files.createTempFile(to.getParent(), to.getFileName().toString(), ".part");
    try (InputStream in = resp.body()) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
