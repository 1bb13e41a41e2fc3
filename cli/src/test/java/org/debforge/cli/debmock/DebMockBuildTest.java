package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.debforge.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real deb-mock builds of tiny packages in bookworm roots: success, a failing build, an
 * unsatisfiable Build-Depends, and two builds at once. Needs root and Debian's mirror; the base
 * root is made once (minutes) and cached in /var/cache/deb-mock for every later run.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class DebMockBuildTest {
  @TempDir Path dir;

  record Outcome(int code, String out, String err, Path resultDir) {
    JsonNode result() throws Exception {
      return new ObjectMapper().readTree(resultDir.resolve("result.json").toFile());
    }
  }

  static Outcome debMock(Path resultDir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all =
        new ArrayList<>(List.of("-q", "-r", "bookworm-amd64", "--resultdir", resultDir.toString()));
    all.addAll(List.of(args));
    int code =
        Main.run(
            "deb-mock", all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Outcome(code, out.toString(), err.toString(), resultDir);
  }

  @Test
  void tinyPackageBuildsAndResultJsonDescribesIt() throws Exception {
    Path dsc = TinySource.make(dir, "dmtiny", "true", null);
    Outcome o = debMock(dir.resolve("out"), "--rebuild", dsc.toString());
    assertThat(o.code()).as(o.err()).isZero();
    Path deb = o.resultDir().resolve("dmtiny_1.0_all.deb");
    assertThat(deb).isRegularFile();
    Process p = new ProcessBuilder("dpkg-deb", "-c", deb.toString()).start();
    assertThat(new String(p.getInputStream().readAllBytes()))
        .contains("./usr/share/doc/dmtiny/README");
    JsonNode r = o.result();
    assertThat(r.get("schema_version").asInt()).isEqualTo(1);
    assertThat(r.get("status").asText()).isEqualTo("succeeded");
    assertThat(r.get("source").get("name").asText()).isEqualTo("dmtiny");
    assertThat(r.get("artifacts").findValuesAsText("name"))
        .contains("dmtiny_1.0_all.deb", "dmtiny_1.0_amd64.changes", "dmtiny_1.0_amd64.buildinfo");
    assertThat(r.get("phases").findValuesAsText("name"))
        .contains("resolve build dependencies", "build")
        // No Build-Depends beyond the base root: deps_cache finds nothing to install, apt-get
        // never runs.
        .doesNotContain("install build dependencies");
    assertThat(o.resultDir().resolve("state.log")).content().contains("deps_cache: nothing");
    assertThat(o.resultDir().resolve("state.log")).content().contains("Finish: build");
    // SOURCE_DATE_EPOCH comes from debian/changelog (2024-02-01 12:00:00 UTC).
    assertThat(o.resultDir().resolve("build.log"))
        .content()
        .contains("SOURCE_DATE_EPOCH=1706788800");
    // The build root is gone; the cache was never written to.
    assertThat(r.get("chroot").get("kept_root").isNull()).isTrue();

    // Issue 13 part 2: the source built is kept beside the binaries, listed by kind, and the
    // orchestrator imports it with the build.
    assertThat(o.resultDir().resolve("dmtiny_1.0.dsc")).hasSameBinaryContentAs(dsc);
    assertThat(o.resultDir().resolve("dmtiny_1.0.tar.xz")).isRegularFile();
    List<String> kinds = new ArrayList<>();
    r.get("artifacts")
        .forEach(a -> kinds.add(a.get("name").asText() + " " + a.get("kind").asText()));
    assertThat(kinds).contains("dmtiny_1.0.dsc dsc", "dmtiny_1.0.tar.xz source");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int imported =
        Main.run(
            "deb-orchestrator",
            new String[] {
              "import", o.resultDir().toString(), "--store", dir.resolve("store").toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(imported).as(err.toString()).isZero();
    StringWriter info = new StringWriter();
    Main.run(
        "deb-orchestrator",
        new String[] {"buildinfo", "dmtiny_1.0", "--store", dir.resolve("store").toString()},
        new PrintWriter(info),
        new PrintWriter(new StringWriter()));
    assertThat(info.toString())
        .contains(" dsc ", "dmtiny_1.0.dsc", " source ", "dmtiny_1.0.tar.xz");
  }

  @Test
  void failingBuildExits10AndKeepsItsLogs() throws Exception {
    Path dsc = TinySource.make(dir, "dmfail", "echo deliberate-failure-marker; exit 3", null);
    Outcome o = debMock(dir.resolve("out"), "--rebuild", dsc.toString(), "--no-cleanup-after");
    assertThat(o.code()).isEqualTo(10);
    assertThat(o.err()).contains("build.log");
    assertThat(o.resultDir().resolve("build.log")).content().contains("deliberate-failure-marker");
    JsonNode r = o.result();
    assertThat(r.get("status").asText()).isEqualTo("failed");
    assertThat(r.get("exit_reason").asText()).isEqualTo("build_failed");
    Path kept = Path.of(r.get("chroot").get("kept_root").asText());
    assertThat(kept.resolve("upper/build/dmfail-1.0/debian/rules")).isRegularFile();
    debMock(
        dir.resolve("out"),
        "--uniqueext",
        kept.getFileName().toString().replace("bookworm-amd64-", ""),
        "--clean");
    assertThat(kept).doesNotExist();
  }

  @Test
  void unsatisfiableBuildDependsExits30NamingRootLog() throws Exception {
    Path dsc = TinySource.make(dir, "dmunsat", "true", "no-such-package-deb-mock-test (>= 99)");
    Outcome o = debMock(dir.resolve("out"), "--rebuild", dsc.toString());
    assertThat(o.code()).isEqualTo(30);
    assertThat(o.err()).contains("root.log");
    assertThat(o.resultDir().resolve("root.log"))
        .content()
        .contains("no-such-package-deb-mock-test");
    assertThat(o.result().get("exit_reason").asText()).isEqualTo("dependency_resolution");
  }

  @Test
  void hostileDscFailsBeforeAnyRootIsMade() throws Exception {
    Path dsc = TinySource.make(dir, "dmbad", "true", null);
    Files.writeString(dir.resolve("dmbad_1.0.tar.xz"), "tampered");
    Outcome o = debMock(dir.resolve("out"), "--rebuild", dsc.toString());
    assertThat(o.code()).isEqualTo(4);
    assertThat(o.result().get("status").asText()).isEqualTo("failed");
    assertThat(o.result().get("phases").findValuesAsText("name"))
        .containsExactly("validate source");
  }

  @Test
  void twoConcurrentBuildsOfTheSameConfigBothSucceed() throws Exception {
    Path a = TinySource.make(Files.createDirectory(dir.resolve("a")), "dmconca", "sleep 3", null);
    Path b = TinySource.make(Files.createDirectory(dir.resolve("b")), "dmconcb", "sleep 3", null);
    var fa =
        CompletableFuture.supplyAsync(() -> debMock(dir.resolve("oa"), "--rebuild", a.toString()));
    var fb =
        CompletableFuture.supplyAsync(() -> debMock(dir.resolve("ob"), "--rebuild", b.toString()));
    assertThat(fa.get().code()).as(fa.get().err()).isZero();
    assertThat(fb.get().code()).as(fb.get().err()).isZero();
    assertThat(dir.resolve("oa/dmconca_1.0_all.deb")).isRegularFile();
    assertThat(dir.resolve("ob/dmconcb_1.0_all.deb")).isRegularFile();
  }
}
