package org.debforge.debmock.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.debmock.plugin.api.ResolvedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered resolution comes back equal, and any change of its inputs asks apt again. */
class ResolutionMemoTest {
  @TempDir Path dir;

  @Test
  void rememberedSetComesBackAndKeysFollowEveryInput() throws Exception {
    Path dsc = dir.resolve("hello_2.10-3.dsc");
    Files.writeString(dsc, "Source: hello\nBuild-Depends: debhelper-compat (= 13)\n");
    List<String> cmd = List.of("apt-get", "build-dep", "-s", "./hello_2.10-3.dsc");
    String key = ResolutionMemo.key("b7af932f51b6bac8-5928458c6ae1", dsc, cmd);
    ResolutionMemo memo = new ResolutionMemo(dir.resolve("deps"));
    assertThat(memo.get(key)).isEmpty();
    ResolvedSet set =
        new ResolvedSet(
            List.of(
                new ResolvedSet.Pkg("debhelper", "13.11.4", "all"),
                new ResolvedSet.Pkg("automake", "1:1.16.5-1.3", "all")));
    memo.put(key, set);
    assertThat(memo.get(key)).contains(set);
    // The memo lives in a dot directory, which the deps layer cache never takes for a layer.
    assertThat(new DepsLayerCache(dir.resolve("deps"), 1 << 20).entries()).isEmpty();

    assertThat(ResolutionMemo.key("other-root", dsc, cmd)).isNotEqualTo(key);
    assertThat(ResolutionMemo.key("b7af932f51b6bac8-5928458c6ae1", dsc, List.of("-P", "nocheck")))
        .isNotEqualTo(key);
    Files.writeString(dsc, "Source: hello\nBuild-Depends: debhelper-compat (= 12)\n");
    assertThat(ResolutionMemo.key("b7af932f51b6bac8-5928458c6ae1", dsc, cmd)).isNotEqualTo(key);

    // A damaged entry counts as absent: apt is asked again.
    Files.writeString(dir.resolve("deps/.resolved").resolve(key), "not a package line\n");
    assertThat(memo.get(key)).isEmpty();
  }
}
