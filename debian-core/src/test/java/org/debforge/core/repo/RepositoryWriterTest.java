package org.debforge.core.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.control.Paragraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden files for what we publish, and apt-ftparchive as the peer for stanza content. */
class RepositoryWriterTest {
  static final ZonedDateTime DATE = ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
  static final Path GOLDEN = Path.of("src/test/resources/org/debforge/core/repo/golden");

  @TempDir Path root;

  @BeforeEach
  void copyPool() throws IOException {
    copyFixturePool(root);
  }

  static void copyFixturePool(Path root) throws IOException {
    Path src = Path.of("src/test/resources/org/debforge/core/repo/pool");
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : walk.toList()) {
        Path to = root.resolve("pool").resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  static SuiteSettings settings() {
    return new SuiteSettings(
        "debforge",
        "debforge test",
        "stable",
        "bookworm",
        "Test repository",
        "main",
        List.of("amd64", "arm64"),
        DATE,
        false);
  }

  @Test
  void publishedIndexesMatchGoldenFiles() throws Exception {
    Path suite =
        RepositoryWriter.publish(
            root, settings(), PoolScanner.scan(root, root.resolve("pool")), null);
    assertGolden(suite.resolve("main/binary-amd64/Packages"), "Packages-amd64");
    assertGolden(suite.resolve("main/binary-arm64/Packages"), "Packages-arm64");
    assertGolden(suite.resolve("main/source/Sources"), "Sources");
    assertGolden(suite.resolve("Release"), "Release");
    assertThat(Files.exists(suite.resolve("InRelease"))).isFalse();
  }

  @Test
  void releaseListsEveryIndexWithMatchingHashesAndByHashCopies() throws Exception {
    Path suite =
        RepositoryWriter.publish(
            root, settings(), PoolScanner.scan(root, root.resolve("pool")), null);
    Release r = Release.read(suite.resolve("Release"));
    assertThat(r.suite()).contains("stable");
    assertThat(r.codename()).contains("bookworm");
    assertThat(r.date()).contains(DATE);
    assertThat(r.architectures()).containsExactly("amd64", "arm64");
    assertThat(r.components()).containsExactly("main");
    assertThat(r.acquireByHash()).isTrue();
    List<FileChecksum> sha = r.files(ChecksumField.SHA256);
    assertThat(sha)
        .extracting(FileChecksum::name)
        .contains("main/binary-amd64/Packages.xz", "main/source/Sources.gz");
    for (FileChecksum f : sha) {
      byte[] data = Files.readAllBytes(suite.resolve(f.name()));
      assertThat(ChecksumField.SHA256.hex(data)).as(f.name()).isEqualTo(f.digest());
      assertThat((long) data.length).isEqualTo(f.size());
      Path byHash = suite.resolve(f.name()).resolveSibling("by-hash/SHA256/" + f.digest());
      assertThat(byHash).exists();
    }
    // Compressed indexes decompress to the plain one.
    Path plain = suite.resolve("main/binary-amd64/Packages");
    assertThat(IndexReader.text(suite.resolve("main/binary-amd64/Packages.xz")))
        .isEqualTo(Files.readString(plain));
    assertThat(IndexReader.text(suite.resolve("main/binary-amd64/Packages.gz")))
        .isEqualTo(Files.readString(plain));
    List<BinaryPackage> pkgs = IndexReader.packages(suite.resolve("main/binary-amd64/Packages.xz"));
    assertThat(pkgs)
        .extracting(BinaryPackage::name)
        .containsExactly("hello-doc", "hello-lib", "hello");
    BinaryPackage hello = pkgs.get(2);
    assertThat(hello.filename()).isEqualTo("pool/main/h/hello_1.0-1_amd64.deb");
    assertThat(hello.size()).isEqualTo(Files.size(root.resolve(hello.filename())));
    assertThat(hello.depends()).contains("hello-lib (= 1.0-1)");
    SourcePackage src = IndexReader.sources(suite.resolve("main/source/Sources.xz")).get(0);
    assertThat(src.name()).isEqualTo("hello");
    assertThat(src.directory()).isEqualTo("pool/main/h");
    assertThat(src.files(ChecksumField.SHA256))
        .extracting(FileChecksum::name)
        .containsExactly("hello_1.0-1.dsc", "hello_1.0.orig.tar.gz", "hello_1.0-1.debian.tar.xz");
  }

  @Test
  void republishingReplacesTheSuiteAndLeavesNoTempDirectories() throws Exception {
    PoolScanner.Pool pool = PoolScanner.scan(root, root.resolve("pool"));
    RepositoryWriter.publish(root, settings(), pool, null);
    Files.delete(root.resolve("pool/main/h/hello-doc_1.0-1_all.deb"));
    Path suite =
        RepositoryWriter.publish(
            root, settings(), PoolScanner.scan(root, root.resolve("pool")), null);
    assertThat(IndexReader.packages(suite.resolve("main/binary-amd64/Packages")))
        .extracting(BinaryPackage::name)
        .containsExactly("hello-lib", "hello");
    try (Stream<Path> s = Files.list(root.resolve("dists"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("stable");
    }
  }

  /** Same stanzas, field for field and byte for byte, as apt-ftparchive without SHA1/SHA512. */
  @Test
  void stanzasEqualAptFtparchiveOutput() throws Exception {
    PoolScanner.Pool pool = PoolScanner.scan(root, root.resolve("pool"));
    assertThat(sorted(pool.debs())).isEqualTo(sorted(Deb822.parse(ftparchive("packages"), "apt")));
    assertThat(sorted(pool.sources()))
        .isEqualTo(sorted(Deb822.parse(ftparchive("sources"), "apt")));
  }

  private static List<String> sorted(List<Paragraph> ps) {
    List<String> out = new ArrayList<>();
    for (Paragraph p : ps) {
      out.add(p.toString());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private String ftparchive(String what) throws Exception {
    Process p =
        new ProcessBuilder(
                "apt-ftparchive",
                "-o",
                "APT::FTPArchive::SHA1=false",
                "-o",
                "APT::FTPArchive::SHA512=false",
                what,
                "pool")
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return out;
  }

  static void assertGolden(Path actual, String golden) throws IOException {
    Path expected = GOLDEN.resolve(golden);
    if (Boolean.getBoolean("debforge.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.copy(actual, expected, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Files.readString(actual)).as(golden).isEqualTo(Files.readString(expected));
  }
}
