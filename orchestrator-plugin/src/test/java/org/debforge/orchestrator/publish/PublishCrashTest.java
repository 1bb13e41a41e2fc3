package org.debforge.orchestrator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.repo.HaltPoints;
import org.debforge.core.repo.Release;
import org.debforge.orchestrator.Orchestrator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, part 5: a {@code kill -9} at any moment of {@code publish} leaves every file a client
 * can reach consistent with the signed Release it reads, for apt fetching by hash and for apt with
 * {@code Acquire::By-Hash=no} alike.
 *
 * <p>A signed tag is re-published in a child JVM ({@link PublishChild}) that halts at its Nth file
 * system step ({@link HaltPoints}: deterministic, every step of the run up to a bound of {@value
 * #MAX_HALT_POINTS}), then in one that is killed with SIGKILL after a random delay while it
 * re-publishes in a loop. After each death: every index the live Release lists matches it under its
 * name and by hash, and the host's apt (private configuration, {@code signed-by=} the test key)
 * updates cleanly both ways.
 */
@Tag("slow")
class PublishCrashTest {
  private static final int MAX_HALT_POINTS = 36;
  private static final int RANDOM_KILLS = 8;

  @TempDir Path tmp;

  @Test
  void aKilledPublishLeavesASuiteBothAptModesAccept() throws Exception {
    assumeTrue(HostApt.available(), "needs apt-get");
    Path key = Fixture.key(tmp.resolve("keys"));
    Path store = tmp.resolve("store");
    Path repo;
    try (Orchestrator o = Fixture.withBuilds(tmp)) {
      o.publisher().configure("alice", Fixture.TAG, Fixture.settings(key));
      o.publisher().publish("alice", Fixture.TAG, null, null);
      repo = o.publisher().repository(Fixture.TAG);
    }
    Path suite = repo.resolve("dists/" + Fixture.TAG);
    HostApt apt =
        new HostApt(tmp.resolve("apt"), key.resolveSibling("key.gpg"), repo, Fixture.TAG, "main");
    assertConsistent(suite, apt, "after the first publish");

    Child counted = child(store, helloPublished(suite) ? "untagged" : "tagged", 0);
    assertThat(counted.exit()).as(counted.output()).isZero();
    long steps = Long.parseLong(counted.output().replaceAll("(?s).*steps (\\d+).*", "$1"));
    assertThat(steps).isGreaterThan(10);

    int halted = 0;
    for (long at : haltPoints(steps)) {
      boolean wasPublished = helloPublished(suite);
      Child c = child(store, wasPublished ? "untagged" : "tagged", at);
      assertThat(c.exit()).as("halt at step %d: %s", at, c.output()).isIn(0, HaltPoints.EXIT);
      halted += c.exit() == HaltPoints.EXIT ? 1 : 0;
      assertConsistent(suite, apt, "halted at step " + at + " of " + steps);
    }
    System.out.println("steps " + steps + ", halted " + halted);
    assertThat(halted).isGreaterThanOrEqualTo(haltPoints(steps).size() - 3);

    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < RANDOM_KILLS; i++) {
      long delay = random.nextInt(1500);
      killedLooping(store, delay);
      assertConsistent(
          suite, apt, "killed " + delay + " ms into a publish loop (seed " + seed + ")");
    }

    Child last = child(store, helloPublished(suite) ? "untagged" : "tagged", 0);
    assertThat(last.exit()).as(last.output()).isZero();
    assertConsistent(suite, apt, "after a publish that ran to the end");
    try (Stream<Path> list = Files.list(repo.resolve("dists"))) {
      assertThat(list.map(p -> p.getFileName().toString()))
          .as("no work directory outlives the next publish")
          .noneMatch(n -> n.contains(".new-") || n.contains(".link-"));
    }

    // The two modes really differ: an index changed under its name only fails without by-hash.
    Path live = suite.toRealPath().resolve("main/binary-amd64");
    for (String name : List.of("Packages", "Packages.xz")) {
      Path other = live.resolve(name + ".other");
      Files.write(other, new byte[] {'x', '\n'});
      Files.move(other, live.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(apt.update(true).clean()).isTrue();
    HostApt.Run byName = apt.update(false);
    assertThat(byName.clean()).isFalse();
    assertThat(byName.output()).contains("Hash Sum mismatch");
  }

  /** 1..steps when few enough, else that many spread over them, first and last included. */
  private static List<Long> haltPoints(long steps) {
    TreeSet<Long> points = new TreeSet<>();
    if (steps <= MAX_HALT_POINTS) {
      for (long i = 1; i <= steps; i++) {
        points.add(i);
      }
    } else {
      for (int i = 0; i < MAX_HALT_POINTS; i++) {
        points.add(1 + Math.round((double) i * (steps - 1) / (MAX_HALT_POINTS - 1)));
      }
    }
    return new ArrayList<>(points);
  }

  private static boolean helloPublished(Path suite) throws IOException {
    return Files.readString(suite.resolve("main/binary-amd64/Packages"))
        .contains("Package: hello\n");
  }

  /** What a client can reach, checked by us and by apt both ways. */
  private static void assertConsistent(Path suite, HostApt apt, String when) throws Exception {
    Release release = Release.read(suite.resolve("Release"));
    String inRelease = Files.readString(suite.resolve("InRelease"));
    assertThat(inRelease).as(when).contains(Files.readString(suite.resolve("Release")));
    List<FileChecksum> files = release.files(ChecksumField.SHA256);
    assertThat(files).as(when).isNotEmpty();
    for (FileChecksum f : files) {
      Path named = suite.resolve(f.name());
      Path hashed = named.resolveSibling("by-hash/SHA256/" + f.digest());
      for (Path p : List.of(named, hashed)) {
        byte[] data = Files.readAllBytes(p);
        assertThat(ChecksumField.SHA256.hex(data))
            .as("%s: %s", when, suite.relativize(p))
            .isEqualTo(f.digest());
      }
    }
    HostApt.Run byHash = apt.update(true);
    assertThat(byHash.clean()).as("%s, by hash:%n%s", when, byHash.output()).isTrue();
    HostApt.Run byName = apt.update(false);
    assertThat(byName.clean()).as("%s, Acquire::By-Hash=no:%n%s", when, byName.output()).isTrue();
    HostApt.Run common = apt.show("common");
    assertThat(common.output()).as(when).contains("Version: 3.0-1");
  }

  record Child(int exit, String output) {}

  private static Child child(Path store, String mode, long haltAt) throws Exception {
    Process p = PublishChild.process(store, mode, haltAt).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("publish child did not finish");
    }
    return new Child(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Starts a child publishing in a loop, SIGKILLs it {@code delay} ms after it is ready. */
  private static void killedLooping(Path store, long delay) throws Exception {
    Process p = PublishChild.process(store, "loop", 0).start();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && !line.equals("ready")) {
        // JVM and store start-up
      }
      assertThat(line).as("the child started").isEqualTo("ready");
      Thread.sleep(delay);
      p.destroyForcibly(); // SIGKILL on Linux
      assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }
  }
}
