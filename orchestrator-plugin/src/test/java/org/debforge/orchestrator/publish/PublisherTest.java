package org.debforge.orchestrator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.BuildFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a tag: the files written, incrementality, snapshots, export and bad input. */
class PublisherTest {
  @TempDir Path tmp;
  Orchestrator o;
  Publisher p;
  Path suite;

  @BeforeEach
  void setUp() throws IOException {
    o = Fixture.withBuilds(tmp);
    p = o.publisher();
    suite = p.repository(Fixture.TAG).resolve("dists/" + Fixture.TAG);
  }

  @AfterEach
  void tearDown() {
    o.close();
  }

  @Test
  void writesReleaseAndPackagesAsTheGoldenFiles() throws IOException {
    p.configure("alice", Fixture.TAG, Fixture.settings(null));
    PublishResult r = p.publish("alice", Fixture.TAG, null, null);

    assertThat(r.binaries()).isEqualTo(3);
    assertGolden("Release", suite.resolve("Release"));
    assertGolden("Packages-amd64", suite.resolve("main/binary-amd64/Packages"));
    assertThat(Files.readString(suite.resolve("contrib/binary-arm64/Packages"))).isEmpty();
    assertThat(suite.resolve("main/binary-amd64/Packages.xz")).exists();
    assertThat(suite.resolve("main/source/Sources.xz")).exists();
  }

  @Test
  void poolIsHardLinksToTheBlobs() throws IOException {
    PublishResult r = p.publish("alice", Fixture.TAG, null, null);
    BuildFile deb = debOf("hello_1.0-1");
    Path pooled = p.repository(Fixture.TAG).resolve("pool/main/h/hello/" + deb.name());
    assertThat(Files.isSameFile(pooled, o.blobs().path(deb.sha256()))).isTrue();
    assertThat(Files.getAttribute(pooled, "unix:nlink")).isEqualTo(2);
    assertThat(r.poolLinked()).isEqualTo(3);
    assertThat(r.poolCopied()).isZero();
  }

  @Test
  void signedReleaseVerifiesWithGpgv() throws Exception {
    Path key = Fixture.key(tmp.resolve("keys"));
    p.configure("alice", Fixture.TAG, Fixture.settings(key));
    PublishResult r = p.publish("alice", Fixture.TAG, null, null);
    assertThat(r.signedBy()).isNotNull();
    String keyring = tmp.resolve("keys/key.gpg").toString();
    assertThat(run("gpgv", "--keyring", keyring, suite.resolve("InRelease").toString())).isZero();
    assertThat(
            run(
                "gpgv",
                "--keyring",
                keyring,
                suite.resolve("Release.gpg").toString(),
                suite.resolve("Release").toString()))
        .isZero();
  }

  @Test
  void republishAfterOneUntagRewritesOnlyTheAffectedIndexes() throws IOException {
    p.configure("alice", Fixture.TAG, Fixture.settings(null));
    p.publish("alice", Fixture.TAG, null, null);
    Map<String, Object> before = inodes();
    Path helloDeb = p.repository(Fixture.TAG).resolve("pool/main/h/hello");

    o.untagBuild("alice", Fixture.TAG, "hello_1.0-1");
    PublishResult r = p.publish("alice", Fixture.TAG, null, null);

    assertThat(r.written())
        .containsExactlyInAnyOrder("main/binary-amd64/Packages", "main/binary-amd64/Packages.xz");
    assertThat(r.releaseWritten()).isTrue();
    assertThat(r.poolRemoved()).isEqualTo(1);
    assertThat(helloDeb).doesNotExist();
    Map<String, Object> after = inodes();
    for (String unchanged :
        List.of(
            "main/binary-arm64/Packages",
            "main/binary-arm64/Packages.xz",
            "main/source/Sources.xz",
            "contrib/binary-amd64/Packages.xz")) {
      assertThat(after.get(unchanged)).as(unchanged).isEqualTo(before.get(unchanged));
    }
    assertThat(after.get("main/binary-amd64/Packages.xz"))
        .isNotEqualTo(before.get("main/binary-amd64/Packages.xz"));
    assertThat(after.get("Release")).isNotEqualTo(before.get("Release"));

    PublishResult again = p.publish("alice", Fixture.TAG, null, null);
    assertThat(again.written()).isEmpty();
    assertThat(again.releaseWritten()).isFalse();
    assertThat(inodes()).isEqualTo(after);
  }

  @Test
  void snapshotIsKeptUnchangedWithItsPoolFiles() throws IOException {
    p.publish("alice", Fixture.TAG, "s1", null);
    Path snap = suite.resolve("snapshots/s1");
    byte[] release = Files.readAllBytes(snap.resolve("Release"));
    assertThat(Files.readString(snap.resolve("main/binary-amd64/Packages"))).contains("hello");

    o.untagBuild("alice", Fixture.TAG, "hello_1.0-1");
    p.publish("alice", Fixture.TAG, null, null);

    assertThat(Files.readString(suite.resolve("main/binary-amd64/Packages")))
        .doesNotContain("Package: hello");
    assertThat(Files.readAllBytes(snap.resolve("Release"))).isEqualTo(release);
    assertThat(Files.readString(snap.resolve("main/binary-amd64/Packages"))).contains("hello");
    assertThat(Files.readString(suite.resolve("Release"))).doesNotContain("snapshots");
    assertThat(p.repository(Fixture.TAG).resolve("pool/main/h/hello")).isDirectory();
    assertKind(() -> p.publish("alice", Fixture.TAG, "s1", null), ErrorKind.CONFLICT);
  }

  @Test
  void exportIsATreeOfLinksAnyWebServerServes() throws IOException {
    Path out = tmp.resolve("export");
    PublishResult r = p.publish("alice", Fixture.TAG, null, out);
    assertThat(r.export()).isEqualTo(out.toString());
    Path repo = p.repository(Fixture.TAG);
    for (String f :
        List.of(
            "dists/" + Fixture.TAG + "/Release",
            "dists/" + Fixture.TAG + "/main/binary-amd64/Packages.xz",
            "pool/main/h/hello/hello_1.0-1_amd64.deb")) {
      assertThat(Files.isSameFile(out.resolve(f), repo.resolve(f))).as(f).isTrue();
    }
    o.untagBuild("alice", Fixture.TAG, "hello_1.0-1");
    p.publish("alice", Fixture.TAG, null, out);
    assertThat(out.resolve("pool/main/h/hello/hello_1.0-1_amd64.deb")).doesNotExist();
  }

  @Test
  void refusesUnknownTagsBadSettingsAndABadKeyWritingNothing() {
    assertKind(() -> p.publish("alice", "no-such-tag", null, null), ErrorKind.NOT_FOUND);
    assertKind(() -> p.settings("no-such-tag"), ErrorKind.NOT_FOUND);
    assertKind(() -> settingsWith("../etc", List.of("main"), List.of()), ErrorKind.INVALID_INPUT);
    assertKind(() -> settingsWith("ok", List.of("main/../x"), List.of()), ErrorKind.INVALID_INPUT);
    assertKind(() -> settingsWith("ok", List.of(), List.of()), ErrorKind.INVALID_INPUT);
    assertKind(() -> settingsWith("ok", List.of("main"), List.of("all")), ErrorKind.INVALID_INPUT);
    assertKind(() -> p.publish("alice", Fixture.TAG, "../x", null), ErrorKind.INVALID_INPUT);

    p.configure("alice", Fixture.TAG, Fixture.settings(tmp.resolve("missing.asc")));
    assertKind(() -> p.publish("alice", Fixture.TAG, null, null), ErrorKind.CONFIG);
    assertThat(p.repository(Fixture.TAG)).doesNotExist();
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static PublishSettings settingsWith(
      String suite, List<String> comps, List<String> arches) {
    return new PublishSettings(suite, suite, comps, arches, null, null, null, null, true, true);
  }

  private BuildFile debOf(String nvr) {
    return o.build(nvr).files().stream().filter(f -> f.kind().equals("deb")).findFirst().get();
  }

  /** Every file below the suite (snapshots aside) to its inode and mtime. */
  private Map<String, Object> inodes() throws IOException {
    Map<String, Object> m = new HashMap<>();
    Path live = suite.toRealPath();
    try (Stream<Path> walk = Files.walk(live)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        m.put(
            live.relativize(f).toString(),
            List.of(Files.getAttribute(f, "unix:ino"), Files.getLastModifiedTime(f)));
      }
    }
    return m;
  }

  static void assertGolden(String name, Path actual) throws IOException {
    Path golden = Path.of("src/test/resources/org/debforge/orchestrator/publish/golden", name);
    String text = Files.readString(actual, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, text);
    }
    assertThat(text).isEqualTo(Files.readString(golden));
  }

  static void assertKind(Runnable r, ErrorKind kind) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  static int run(String... cmd) throws Exception {
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = proc.waitFor();
    if (rc != 0) {
      System.err.println(String.join(" ", cmd) + ":\n" + out);
    }
    return rc;
  }
}
