package org.debforge.compose.pkgset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.compose.lock.LockSource;
import org.debforge.compose.source.AptRepository;
import org.debforge.compose.testing.TestArchive;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.KeyGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pkgset: indexes are used only when InRelease verifies and their checksums match it. */
class PkgsetLoaderTest {
  @TempDir Path tmp;
  TestArchive archive;
  final StringWriter log = new StringWriter();

  @BeforeEach
  void archive() {
    archive = TestArchive.standard(tmp.resolve("archive")).publish();
  }

  PackageSource source(Path keyring, List<String> components) {
    AptRepository repo = new AptRepository(archive.root.toUri(), "testing", components, keyring);
    return new PackageSource(
        "test",
        repo,
        new LockSource(
            "test", "mirror", repo.base().toString(), "testing", components, null, null));
  }

  PackageSet load(PackageSource s, String cache) {
    return new PkgsetLoader(new Fetcher(), new ContentCache(tmp.resolve(cache)))
        .load(List.of(s), List.of("amd64"), new PrintWriter(log, true));
  }

  @Test
  void loadsTheVerifiedIndexIntoTheCacheByChecksum() throws Exception {
    PackageSet set = load(source(archive.keyring, List.of("main")), "cache");
    assertThat(set.indexes())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.file().toString()).contains("by-hash/SHA256/");
              assertThat(i.file().getFileName().toString())
                  .isEqualTo(ContentCache.sha256(i.file()));
            });
    assertThat(log.toString())
        .contains("InRelease signed by " + TestArchive.ARCHIVE_KEY.fingerprint());
    assertThat(set.universe("amd64", java.util.Set.of()).universe().candidate("hello", "amd64"))
        .hasValueSatisfying(v -> assertThat(v.version()).isEqualTo("2:2.10-3"));
  }

  @Test
  void refusesAnInReleaseSignedByAnotherKey() throws Exception {
    Path other = tmp.resolve("other.gpg");
    Files.write(other, KeyGenerator.generate("Other <o@example.org>", null).encodePublic(false));
    assertThatThrownBy(() -> load(source(other, List.of("main")), "cache"))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED));
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void refusesAnIndexThatDoesNotMatchTheSignedRelease() throws Exception {
    Path xz = archive.root.resolve("dists/testing/main/binary-amd64/Packages.xz");
    byte[] data = Files.readAllBytes(xz);
    data[data.length / 2] ^= 1;
    Files.write(xz, data);
    assertThatThrownBy(() -> load(source(archive.keyring, List.of("main")), "cache"))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED))
        .hasMessageContaining("Packages.xz");
    // Nothing half-written: no file in the cache under the promised checksum.
    try (var files = Files.walk(tmp.resolve("cache"))) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void refusesAReleasePastItsValidUntil() throws Exception {
    Path suite = archive.root.resolve("dists/testing");
    String release =
        Files.readString(suite.resolve("Release"))
            .replaceFirst("(?m)^Date: ", "Valid-Until: Sat, 03 Jan 2026 00:00:00 UTC\nDate: ");
    Files.writeString(suite.resolve("InRelease"), TestArchive.ARCHIVE_KEY.clearsign(release));
    assertThatThrownBy(() -> load(source(archive.keyring, List.of("main")), "cache"))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED))
        .hasMessageContaining("Valid-Until");
  }

  @Test
  void aComponentTheSuiteDoesNotHaveIsNamed() {
    assertThatThrownBy(() -> load(source(archive.keyring, List.of("contrib")), "cache"))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("contrib/binary-amd64/Packages");
  }

  @Test
  void aMissingInReleaseIsNotFound() {
    AptRepository repo =
        new AptRepository(
            tmp.resolve("nowhere").toUri(), "testing", List.of("main"), archive.keyring);
    PackageSource s =
        new PackageSource(
            "x", repo, new LockSource("x", "mirror", "u", "testing", List.of("main"), null, null));
    assertThatThrownBy(() -> load(s, "cache"))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("InRelease");
  }

  @Test
  void theCacheRefusesContentThatIsNotWhatWasPromised() {
    ContentCache cache = new ContentCache(tmp.resolve("c"));
    assertThatThrownBy(
            () ->
                cache.get(
                    "0".repeat(64),
                    3,
                    "thing",
                    p -> {
                      try {
                        Files.writeString(p, "abc");
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED))
        .hasMessageContaining("thing");
    assertThatThrownBy(() -> cache.find("../../etc/passwd", 1))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT));
  }

  @Test
  void theStandardCacheFollowsXdg() {
    assertThat(ContentCache.standard(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h")).dir())
        .isEqualTo(Path.of("/x/debforge/compose"));
    assertThat(ContentCache.standard(Map.of("HOME", "/h")).dir())
        .isEqualTo(Path.of("/h/.cache/debforge/compose"));
  }
}
