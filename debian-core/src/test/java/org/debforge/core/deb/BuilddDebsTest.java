package org.debforge.core.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.core.mirror.HostMirror;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every .deb of a bookworm buildd chroot: our info and listing equal dpkg-deb's byte for byte. The
 * packages come from mmdebstrap on the host's mirror, cached under /tmp for later runs.
 */
@Tag("network")
@Tag("slow")
class BuilddDebsTest {
  static final Path CACHE = Path.of("/tmp/debforge-test-cache/buildd-debs");

  static List<Path> debs;

  @BeforeAll
  static void fetch() throws Exception {
    debs = list();
    if (debs.size() < 100) {
      Path work = Files.createTempDirectory("buildd-");
      try {
        Files.createDirectories(CACHE);
        // apt keeps what it downloads; skipping the cache cleanup and the unlinking of the
        // essential set leaves every package of the chroot in /var/cache/apt/archives.
        Dpkg.run(
            "mmdebstrap",
            "--quiet",
            "--variant=buildd",
            "--skip=essential/unlink,cleanup/apt/cache",
            "--customize-hook=sync-out /var/cache/apt/archives " + work.resolve("debs"),
            "bookworm",
            work.resolve("root.tar").toString(),
            HostMirror.detect());
        try (Stream<Path> s = Files.list(work.resolve("debs"))) {
          for (Path p : s.filter(p -> p.toString().endsWith(".deb")).toList()) {
            Files.copy(
                p,
                CACHE.resolve(p.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } finally {
        DebExtractor.deleteTree(work);
      }
      debs = list();
    }
    assertThat(debs).hasSizeGreaterThan(100);
  }

  /** The n smallest packages: enough variety for the slower checks, quick to repack. */
  private static List<Path> smallest(int n) {
    return debs.stream()
        .sorted(java.util.Comparator.comparingLong((Path p) -> p.toFile().length()))
        .limit(n)
        .toList();
  }

  private static Stream<String> compare(Path deb) {
    List<String> bad = new ArrayList<>();
    if (!DpkgDebInfo.format(DebArchive.info(deb))
        .equals(Dpkg.run("dpkg-deb", "-I", deb.toString()))) {
      bad.add("info " + deb);
    }
    if (!Dpkg.contents(deb).equals(Dpkg.run("dpkg-deb", "-c", deb.toString()))) {
      bad.add("contents " + deb);
    }
    return bad.stream();
  }

  private static List<Path> list() throws IOException {
    if (!Files.isDirectory(CACHE)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(CACHE)) {
      return s.filter(p -> p.toString().endsWith(".deb")).sorted().toList();
    }
  }

  @Test
  void infoAndContentsEqualDpkgDebForEveryPackage() {
    // A few packages at once: each comparison is mostly waiting for dpkg-deb's tar and xz.
    List<String> mismatches =
        new java.util.concurrent.ForkJoinPool(4)
            .submit(() -> debs.parallelStream().flatMap(BuilddDebsTest::compare).toList())
            .join();
    assertThat(mismatches).isEmpty();
  }

  @Test
  void repackedWithEveryCompressionStillEqual() throws Exception {
    // Bookworm ships xz only; dpkg-deb itself repacks a few as zstd, gzip and none.
    Path work = Files.createTempDirectory("repack-");
    try {
      int n = 0;
      for (Path deb : smallest(4)) {
        Path tree = work.resolve("t" + n);
        Dpkg.run("dpkg-deb", "-R", deb.toString(), tree.toString());
        for (String z : new String[] {"zstd", "gzip", "none"}) {
          Path out = work.resolve(n + "-" + z + ".deb");
          Dpkg.run(
              "dpkg-deb", "--root-owner-group", "-Z" + z, "-b", tree.toString(), out.toString());
          DebInfo info = DebArchive.read(out);
          assertThat(info.dataMember())
              .isEqualTo(
                  "data.tar"
                      + Compression.valueOf(z.equals("gzip") ? "GZIP" : z.toUpperCase())
                          .extension());
          assertThat(DpkgDebInfo.format(info))
              .isEqualTo(Dpkg.run("dpkg-deb", "-I", out.toString()));
          assertThat(Dpkg.contents(out)).isEqualTo(Dpkg.run("dpkg-deb", "-c", out.toString()));
        }
        n++;
      }
    } finally {
      DebExtractor.deleteTree(work);
    }
  }

  @Test
  void extractMatchesDpkgDebExtract() throws Exception {
    Path work = Files.createTempDirectory("x-");
    try {
      for (Path deb : smallest(12)) {
        Path ours = work.resolve(deb.getFileName() + ".ours");
        Path theirs = work.resolve(deb.getFileName() + ".dpkg");
        DebExtractor.extract(deb, ours, DebExtractor.Options.DEFAULT);
        Dpkg.run("dpkg-deb", "-x", deb.toString(), theirs.toString());
        // Same names, types, modes, link targets and content.
        String cmd = "cd %s && find . -printf '%%p %%y %%m %%l %%s\\n' | LC_ALL=C sort";
        assertThat(Dpkg.run("sh", "-c", String.format(cmd, ours)))
            .isEqualTo(Dpkg.run("sh", "-c", String.format(cmd, theirs)));
      }
    } finally {
      DebExtractor.deleteTree(work);
    }
  }
}
