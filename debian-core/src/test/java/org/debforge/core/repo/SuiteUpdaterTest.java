package org.debforge.core.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.control.Paragraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation layout of {@link SuiteUpdater}: one link per suite, by-hash files of superseded
 * Releases kept for the grace period, crash leftovers dropped, a suite written before generations
 * migrated with its snapshots.
 */
class SuiteUpdaterTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path tmp;

  @Test
  void eachChangeIsANewGenerationMadeLiveByTheSuiteLink() throws IOException {
    Path suite = tmp.resolve("dists/stable");
    SuiteUpdater.update(suite, settings(), List.of("main"), indexes("hello"), null, HOUR);
    Path first = suite.toRealPath();
    byte[] firstPackages = Files.readAllBytes(suite.resolve("main/binary-amd64/Packages"));

    SuiteUpdater.Result r =
        SuiteUpdater.update(suite, settings(), List.of("main"), indexes("world"), null, HOUR);

    assertThat(r.written()).contains("main/binary-amd64/Packages");
    assertThat(Files.isSymbolicLink(suite)).isTrue();
    assertThat(Files.readSymbolicLink(suite)).isEqualTo(Path.of(".stable.gen-2"));
    assertThat(first).exists(); // superseded, kept for the grace period
    assertConsistent(suite);
    Path oldByHash =
        suite.resolve(
            "main/binary-amd64/by-hash/SHA256/" + ChecksumField.SHA256.hex(firstPackages));
    assertThat(oldByHash).hasBinaryContent(firstPackages);

    SuiteUpdater.update(suite, settings(), List.of("main"), indexes("again"), null, Duration.ZERO);
    assertThat(first).doesNotExist();
    assertThat(suite.resolve("main/binary-amd64/by-hash/SHA256/" + sha(firstPackages)))
        .doesNotExist();
    assertConsistent(suite);
  }

  @Test
  void anUnchangedSuiteMakesNoGeneration() throws IOException {
    Path suite = tmp.resolve("dists/stable");
    SuiteUpdater.update(suite, settings(), List.of("main"), indexes("hello"), null, HOUR);
    SuiteUpdater.Result r =
        SuiteUpdater.update(suite, settings(), List.of("main"), indexes("hello"), null, HOUR);
    assertThat(r.releaseWritten()).isFalse();
    assertThat(r.written()).isEmpty();
    assertThat(Files.readSymbolicLink(suite)).isEqualTo(Path.of(".stable.gen-1"));
  }

  @Test
  void leftoversOfAKilledUpdateAreDroppedAndNeverLive() throws IOException {
    Path suite = tmp.resolve("dists/stable");
    SuiteUpdater.update(suite, settings(), List.of("main"), indexes("hello"), null, HOUR);
    Path dists = suite.getParent();
    Files.createDirectories(dists.resolve(".stable.new-1234/main"));
    Files.createDirectories(dists.resolve(".stable.gen-7/main")); // renamed, never linked
    Files.createSymbolicLink(dists.resolve(".stable.link-99"), Path.of(".stable.gen-8"));

    SuiteUpdater.update(suite, settings(), List.of("main"), indexes("world"), null, HOUR);

    try (Stream<Path> list = Files.list(dists)) {
      assertThat(list.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("stable", ".stable.gen-1", ".stable.gen-2");
    }
    assertConsistent(suite);
  }

  @Test
  void aSuiteWrittenBeforeGenerationsIsMigratedWithItsSnapshots() throws IOException {
    Path suite = tmp.resolve("dists/stable");
    // The layout of earlier releases: dists/SUITE a directory, snapshots inside it.
    byte[] old = "Package: hello\n\n".getBytes(StandardCharsets.UTF_8);
    Path index = Files.createDirectories(suite.resolve("main/binary-amd64")).resolve("Packages");
    Files.write(index, old);
    TreeMap<String, byte[]> files = new TreeMap<>();
    files.put("main/binary-amd64/Packages", old);
    Files.writeString(
        suite.resolve("Release"), RepositoryWriter.releaseText(settings(), List.of("main"), files));
    Path snapshot = Files.createDirectories(suite.resolve("snapshots/s1"));
    Files.copy(suite.resolve("Release"), snapshot.resolve("Release"));

    SuiteUpdater.update(suite, settings(), List.of("main"), indexes("world"), null, HOUR);

    assertThat(Files.isSymbolicLink(suite)).isTrue();
    assertThat(suite.resolve("snapshots/s1/Release")).exists();
    assertThat(suite.getParent().resolve(".stable.snapshots/s1/Release")).exists();
    assertThat(suite.resolve("main/binary-amd64/by-hash/SHA256/" + sha(old))).hasBinaryContent(old);
    assertConsistent(suite);

    Path s2 = SuiteUpdater.snapshot(suite, "s2");
    assertThat(s2).isEqualTo(suite.resolve("snapshots/s2"));
    assertThat(suite.getParent().resolve(".stable.snapshots/s2/Release")).exists();
    SuiteUpdater.update(suite, settings(), List.of("main"), indexes("again"), null, HOUR);
    assertThat(Files.readString(suite.resolve("snapshots/s2/main/binary-amd64/Packages")))
        .contains("Package: world");
  }

  /** Every index the Release lists matches it under its name and by hash. */
  private static void assertConsistent(Path suite) throws IOException {
    Release release = Release.read(suite.resolve("Release"));
    for (FileChecksum f : release.files(ChecksumField.SHA256)) {
      Path named = suite.resolve(f.name());
      assertThat(sha(Files.readAllBytes(named))).as(f.name()).isEqualTo(f.digest());
      assertThat(named.resolveSibling("by-hash/SHA256/" + f.digest())).exists();
    }
  }

  private static String sha(byte[] data) {
    return ChecksumField.SHA256.hex(data);
  }

  private static TreeMap<String, List<Paragraph>> indexes(String pkg) {
    Paragraph p = new Paragraph();
    p.set("Package", pkg);
    p.set("Version", "1.0");
    p.set("Architecture", "amd64");
    TreeMap<String, List<Paragraph>> m = new TreeMap<>();
    m.put("main/binary-amd64/Packages", List.of(p));
    return m;
  }

  private static SuiteSettings settings() {
    return new SuiteSettings(
        null,
        null,
        "stable",
        "stable",
        null,
        "main",
        List.of("amd64"),
        RepositoryWriterTest.DATE,
        false);
  }
}
