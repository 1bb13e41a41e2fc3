package org.debforge.debmock.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.debforge.debmock.plugin.api.ResolvedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepsLayerCacheTest {
  @TempDir Path dir;

  private static ResolvedSet set(String name) {
    return new ResolvedSet(java.util.List.of(new ResolvedSet.Pkg(name, "1.0", "amd64")));
  }

  /** Publishes a layer of {@code bytes} bytes as {@code key} and closes its lease. */
  private static void put(DepsLayerCache c, String key, int bytes, long lastUsedMillis)
      throws Exception {
    Path tmp = c.newEntry();
    Files.createDirectories(tmp.resolve("layer/usr/bin"));
    Files.write(tmp.resolve("layer/usr/bin/" + key), new byte[bytes]);
    c.publish(key, tmp, set(key)).close();
    Files.setLastModifiedTime(
        c.dir().resolve(key).resolve("last-used"), FileTime.fromMillis(lastUsedMillis));
  }

  @Test
  void publishedLayerIsFoundByItsKeyAndMissesOtherwise() throws Exception {
    DepsLayerCache c = new DepsLayerCache(dir, 1 << 20);
    put(c, "aaa", 10, 1000);
    try (DepsLayerCache.Lease l = c.acquire("aaa").orElseThrow()) {
      assertThat(l.layer().resolve("usr/bin/aaa")).hasSize(10);
      assertThat(l.privateCopy()).isFalse();
    }
    assertThat(c.acquire("bbb")).isEmpty();
    assertThat(c.dir().resolve("aaa/packages.txt")).hasContent("aaa 1.0 amd64");
    assertThat(c.dir().resolve("aaa/size")).hasContent("10");
    // Using it marks it used now.
    assertThat(Files.getLastModifiedTime(c.dir().resolve("aaa/last-used")).toMillis())
        .isGreaterThan(1000);
  }

  @Test
  void evictsLeastRecentlyUsedBeyondMaxSizeButNeverTheNewest() throws Exception {
    DepsLayerCache c = new DepsLayerCache(dir, 250);
    put(c, "old", 100, 1_000);
    put(c, "mid", 100, 2_000);
    put(c, "new", 100, 3_000); // 300 > 250: "old" goes
    assertThat(c.dir().resolve("old")).doesNotExist();
    assertThat(c.dir().resolve("mid/complete")).exists();
    assertThat(c.dir().resolve("new/complete")).exists();
    assertThat(c.totalSize()).isEqualTo(200);
    // A layer larger than the bound alone is still kept (the build just made and uses it).
    DepsLayerCache tiny = new DepsLayerCache(dir.resolve("t"), 10);
    put(tiny, "big", 100, 1_000);
    assertThat(tiny.dir().resolve("big/complete")).exists();
  }

  @Test
  void layerInUseIsNotEvicted() throws Exception {
    DepsLayerCache c = new DepsLayerCache(dir, 150);
    put(c, "used", 100, 1_000);
    try (DepsLayerCache.Lease l = c.acquire("used").orElseThrow()) {
      Files.setLastModifiedTime(c.dir().resolve("used/last-used"), FileTime.fromMillis(1));
      put(c, "other", 100, 2_000);
      assertThat(l.layer().resolve("usr/bin/used")).exists();
    }
    // Released: the next eviction may take it.
    assertThat(c.evict("other")).containsExactly(c.dir().resolve("used"));
  }

  @Test
  void secondPublisherOfAKeyKeepsAPrivateCopyRemovedOnClose() throws Exception {
    DepsLayerCache c = new DepsLayerCache(dir, 1 << 20);
    Path t1 = c.newEntry();
    Path t2 = c.newEntry();
    for (Path t : new Path[] {t1, t2}) {
      Files.createDirectories(t.resolve("layer/etc"));
      Files.writeString(t.resolve("layer/etc/x"), t.getFileName().toString());
    }
    DepsLayerCache.Lease winner = c.publish("k", t1, set("k"));
    DepsLayerCache.Lease loser = c.publish("k", t2, set("k"));
    assertThat(winner.privateCopy()).isFalse();
    assertThat(loser.privateCopy()).isTrue();
    assertThat(loser.layer().resolve("etc/x")).hasContent(t2.getFileName().toString());
    assertThat(c.dir().resolve("k/layer/etc/x")).hasContent(t1.getFileName().toString());
    loser.close();
    winner.close();
    assertThat(t2).doesNotExist();
    assertThat(c.entries()).containsExactly(c.dir().resolve("k"));
  }

  @Test
  void sizesParse() {
    assertThat(DepsLayerCache.parseSize("10G")).isEqualTo(10L << 30);
    assertThat(DepsLayerCache.parseSize("512m")).isEqualTo(512L << 20);
    assertThat(DepsLayerCache.parseSize("4096")).isEqualTo(4096);
    assertThatThrownBy(() -> DepsLayerCache.parseSize("-1G"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DepsLayerCache.parseSize("lots"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
