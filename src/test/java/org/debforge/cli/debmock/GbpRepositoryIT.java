package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.cli.testing.Launcher;
import org.debforge.cli.testing.Launcher.Run;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.Dsc;
import org.debforge.core.mirror.HostMirror;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: Debian's hello 2.10-3 imported into git with {@code gbp import-dsc --pristine-tar},
 * cloned fresh with no tarball anywhere, built by the real {@code bin/deb-mock build CLONE}: the
 * orig tarball pristine-tar gives back is Debian's bit for bit; without the pristine-tar branch it
 * is made from the upstream tag; with neither the build is refused, naming what was tried.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class GbpRepositoryIT {
  static final Path CACHE = Path.of("target/debian-cache/hello");
  static final String ORIG = "hello_2.10.orig.tar.gz";
  static final Map<String, String> IDENTITY =
      Map.of(
          "GIT_AUTHOR_NAME", "t",
          "GIT_AUTHOR_EMAIL", "t@example.org",
          "GIT_COMMITTER_NAME", "t",
          "GIT_COMMITTER_EMAIL", "t@example.org");

  @TempDir Path dir;

  static Path fetch(String name) throws Exception {
    Path f = CACHE.resolve(name);
    if (!Files.exists(f)) {
      Files.createDirectories(CACHE);
      Path tmp = CACHE.resolve(name + ".part");
      try (var in =
          URI.create(HostMirror.detect() + "/pool/main/h/hello/" + name).toURL().openStream()) {
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, f);
    }
    return f;
  }

  @Test
  void freshCloneOfAGbpRepositoryBuildsFromPristineTarThenTheTagThenSaysWhatItTried()
      throws Exception {
    Path dsc = fetch("hello_2.10-3.dsc");
    Path imports = Files.createDirectories(dir.resolve("import"));
    for (String f :
        List.of("hello_2.10-3.dsc", ORIG, ORIG + ".asc", "hello_2.10-3.debian.tar.xz")) {
      Files.copy(fetch(f), imports.resolve(f));
    }
    String debians = sha256Listed(dsc, ORIG);
    run(
        dir,
        "gbp",
        "import-dsc",
        "--pristine-tar",
        imports.resolve("hello_2.10-3.dsc") + "",
        "repo");
    Path clone = dir.resolve("ws/hello");
    run(dir, "git", "clone", "-q", dir.resolve("repo") + "", clone + "");
    try (var imported = Files.list(imports)) {
      for (Path f : imported.toList()) {
        Files.delete(f);
      }
    }
    assertThat(run(dir, "find", ".", "-name", "*.tar.*", "-not", "-path", "./*/.git/*"))
        .as("no tarball anywhere")
        .isEmpty();

    // 1. pristine-tar (origin/pristine-tar: a fresh clone has no local branch)
    Path out1 = dir.resolve("out1");
    Run r1 = debMock(out1, "build", "--json", clone.toString());
    assertThat(r1.exitCode()).as(r1.stderr()).isZero();
    JsonNode orig1 = result(out1).at("/source/orig");
    assertThat(orig1.get("source").asText()).isEqualTo("pristine-tar");
    assertThat(orig1.get("from").asText()).isEqualTo("origin/pristine-tar");
    assertThat(orig1.get("sha256").asText()).isEqualTo(debians);
    assertThat(sha256Listed(out1.resolve("hello_2.10-3.dsc"), ORIG)).isEqualTo(debians);
    assertThat(out1.resolve("hello_2.10-3_amd64.deb")).isRegularFile();
    assertThat(run(clone, "git", "status", "--porcelain", "--ignored")).isEmpty();

    // 2. no pristine-tar branch: the upstream tag upstream/2.10, archived as gbp does
    run(clone, "git", "branch", "-q", "-r", "-d", "origin/pristine-tar");
    Path out2 = dir.resolve("out2");
    Run r2 = debMock(out2, "build", "--json", clone.toString());
    assertThat(r2.exitCode()).as(r2.stderr()).isZero();
    JsonNode orig2 = result(out2).at("/source/orig");
    assertThat(orig2.get("source").asText()).isEqualTo("upstream-tag");
    assertThat(orig2.get("from").asText()).isEqualTo("upstream/2.10");
    assertThat(sha256Listed(out2.resolve("hello_2.10-3.dsc"), ORIG))
        .isEqualTo(orig2.get("sha256").asText());
    assertThat(out2.resolve("hello_2.10-3_amd64.deb")).isRegularFile();

    // 3. neither: refused before any root is made, naming each place tried
    run(clone, "git", "tag", "-d", "upstream/2.10");
    Path out3 = dir.resolve("out3");
    Run r3 = debMock(out3, "build", clone.toString());
    assertThat(r3.exitCode()).as(r3.stderr()).isEqualTo(50);
    assertThat(r3.stderr())
        .contains(
            clone + ": no upstream tarball hello_2.10.orig.tar.{gz,bz2,lzma,xz}",
            "beside the tree: " + dir.resolve("ws"),
            "pristine-tar: no pristine-tar branch",
            "upstream tag: upstream/2.10",
            "no such tag",
            "--orig FILE",
            "gbp export-orig",
            "pristine-tar commit");
    assertThat(out3.resolve("hello_2.10-3_amd64.deb")).doesNotExist();
  }

  private static Run debMock(Path out, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("-q", "-r", "bookworm-amd64"));
    all.addAll(List.of("--resultdir", out.toString()));
    all.addAll(List.of(args));
    return Launcher.run("deb-mock", null, Map.of(), null, all.toArray(String[]::new));
  }

  private static JsonNode result(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("result.json").toFile());
  }

  private static String sha256Listed(Path dsc, String name) {
    return Dsc.read(dsc).files().stream()
        .filter(f -> f.name().equals(name))
        .map(f -> f.digest(ChecksumField.SHA256))
        .findFirst()
        .orElseThrow(() -> new AssertionError(dsc + " does not list " + name));
  }

  private static String run(Path cwd, String... cmd) {
    Run r = Launcher.exec(List.of(cmd), null, IDENTITY, cwd);
    assertThat(r.exitCode()).as(String.join(" ", cmd) + ": " + r.stdout() + r.stderr()).isZero();
    return r.stdout();
  }
}
