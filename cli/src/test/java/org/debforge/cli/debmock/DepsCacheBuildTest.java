package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.debforge.cli.debmock.DebMockBuildTest.Outcome;
import org.debforge.debmock.chroot.BaseRootCache;
import org.debforge.debmock.chroot.Trees;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deps_cache and apt_cache in real builds: the second build with the same resolved Build-Depends
 * stacks the saved layer and never runs apt-get install; another Build-Depends selects another
 * layer; two builds racing to save the same layer both succeed and leave one complete layer.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class DepsCacheBuildTest {
  private static final Path DEPS =
      BaseRootCache.defaultDir().resolve("deps-cache").resolve("bookworm-amd64");

  @TempDir Path dir;

  static JsonNode depsCache(Outcome o) throws Exception {
    return o.result().get("chroot").get("caches").get("deps_cache");
  }

  @Test
  void sameResolutionReusesTheLayerAndAnotherSelectsAnother() throws Exception {
    Path first = TinySource.make(dir, "dmdeps1", "dh_testdir", "debhelper-compat (= 13)");
    Outcome a = DebMockBuildTest.debMock(dir.resolve("a"), "--rebuild", first.toString());
    assertThat(a.code()).as(a.err()).isZero();
    String key = depsCache(a).get("key").asText();
    assertThat(DEPS.resolve(key).resolve("complete")).exists();
    assertThat(DEPS.resolve(key).resolve("packages.txt")).content().contains("debhelper ");

    // Another package, same Build-Depends: same resolution, so the layer is stacked.
    Path second = TinySource.make(dir, "dmdeps2", "dh_testdir", "debhelper-compat (= 13)");
    Outcome b = DebMockBuildTest.debMock(dir.resolve("b"), "--rebuild", second.toString());
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(depsCache(b).get("key").asText()).isEqualTo(key);
    assertThat(depsCache(b).get("hit").asBoolean()).isTrue();
    assertThat(b.resultDir().resolve("state.log")).content().contains("deps_cache: hit " + key);
    assertThat(b.resultDir().resolve("root.log"))
        .content()
        .doesNotContain("installing build dependencies")
        .contains("apt-get not run");
    assertThat(b.result().get("phases").findValuesAsText("name"))
        .contains("resolve build dependencies", "stack deps layer", "build")
        .doesNotContain("install build dependencies");
    // The hooks saw the packages of the stacked layer (package_state reads the dpkg database).
    assertThat(b.resultDir().resolve("installed_pkgs.log")).content().contains("debhelper ");
    assertThat(b.result().get("chroot").get("caches").get("apt_cache").asText())
        .endsWith("apt-archives/bookworm-amd64");

    // A changed Build-Depends resolves to another set, hence another layer.
    Path third = TinySource.make(dir, "dmdeps3", "true", "bc");
    Outcome c = DebMockBuildTest.debMock(dir.resolve("c"), "--rebuild", third.toString());
    assertThat(c.code()).as(c.err()).isZero();
    String otherKey = depsCache(c).get("key").asText();
    assertThat(otherKey).isNotEqualTo(key);
    assertThat(DEPS.resolve(otherKey).resolve("packages.txt")).content().startsWith("bc ");
  }

  @Test
  void twoBuildsRacingToSaveTheSameLayerBothSucceed() throws Exception {
    // Forget any layer of exactly {dc} from earlier runs, so both builds miss and race.
    if (Files.isDirectory(DEPS)) {
      try (Stream<Path> s = Files.list(DEPS)) {
        for (Path e : s.toList()) {
          Path pk = e.resolve("packages.txt");
          if (Files.exists(pk) && Files.readString(pk).matches("dc \\S+ \\S+\n")) {
            Trees.deleteRecursively(e);
          }
        }
      }
    }
    Path x = TinySource.make(dir, "dmrace1", "true", "dc");
    Path y = TinySource.make(dir, "dmrace2", "true", "dc");
    CompletableFuture<Outcome> fx =
        CompletableFuture.supplyAsync(
            () -> DebMockBuildTest.debMock(dir.resolve("x"), "--rebuild", x.toString()));
    CompletableFuture<Outcome> fy =
        CompletableFuture.supplyAsync(
            () -> DebMockBuildTest.debMock(dir.resolve("y"), "--rebuild", y.toString()));
    Outcome ox = fx.get();
    Outcome oy = fy.get();
    assertThat(ox.code()).as(ox.err()).isZero();
    assertThat(oy.code()).as(oy.err()).isZero();
    String key = depsCache(ox).get("key").asText();
    assertThat(depsCache(oy).get("key").asText()).isEqualTo(key);
    assertThat(DEPS.resolve(key).resolve("complete")).exists();
    assertThat(DEPS.resolve(key).resolve("layer/usr/bin/dc")).exists();
    assertThat(DEPS.resolve(key).resolve("layer/build")).doesNotExist();
    // The loser's private copy is gone once its build ended (.resolved is the resolution memo).
    try (Stream<Path> s = Files.list(DEPS)) {
      List<String> leftovers =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith(".") && !n.equals(".resolved"))
              .toList();
      assertThat(leftovers).isEmpty();
    }
  }
}
