package org.debforge.orchestrator.fsck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fsck finds a corrupt blob, a missing one and an orphan; repair removes the orphan only. */
class FsckTest {
  @TempDir Path tmp;

  @Test
  void findsCorruptMissingAndOrphanedBlobsAndRepairsOnlyTheOrphan() throws Exception {
    try (Orchestrator o = Orchestrator.open(tmp.resolve("store"), null, null, null)) {
      Provenance p = new Provenance("alice", Instant.now(), null, null, null);
      Build a =
          o.importBuild(Uploads.resultDir(tmp.resolve("a"), "hello", "1.0-1", "a"), p).build();
      Build b =
          o.importBuild(Uploads.changes(tmp.resolve("b"), "world", "2.0-1", "all", "b"), p).build();
      FsckReport clean = o.fsck(false, Duration.ZERO);
      assertThat(clean.sound()).isTrue();
      assertThat(clean.references()).isEqualTo(a.files().size() + b.files().size());

      BuildFile corrupted =
          a.files().stream().filter(f -> f.kind().equals("log")).findFirst().orElseThrow();
      Files.writeString(o.blobs().path(corrupted.sha256()), "flipped bits");
      BuildFile missing = b.files().get(0);
      Files.delete(o.blobs().path(missing.sha256()));
      Path orphanFile = tmp.resolve("orphan");
      Files.writeString(orphanFile, "nobody's file");
      String orphan = o.blobs().put(orphanFile, null).sha256();

      FsckReport r = o.fsck(false, Duration.ZERO);
      assertThat(r.sound()).isFalse();
      assertThat(r.corrupt())
          .extracting(FsckReport.Corrupt::sha256)
          .containsExactly(corrupted.sha256());
      assertThat(r.dangling())
          .containsExactly(
              new FsckReport.Dangling("world_2.0-1", missing.name(), missing.sha256()));
      assertThat(r.orphans()).containsExactly(orphan);
      assertThat(r.removed()).isEmpty();
      assertThat(o.blobs().contains(orphan)).isTrue();

      // A fresh orphan may be an import about to commit: kept within the grace period.
      assertThat(o.fsck(true, Duration.ofHours(1)).removed()).isEmpty();
      FsckReport repaired = o.fsck(true, Duration.ZERO);
      assertThat(repaired.removed()).containsExactly(orphan);
      assertThat(o.blobs().contains(orphan)).isFalse();
      // The corrupt blob stays (it is evidence) and the store is still not sound.
      assertThat(o.blobs().contains(corrupted.sha256())).isTrue();
      assertThat(repaired.sound()).isFalse();
      FsckReport after = o.fsck(false, Duration.ZERO);
      assertThat(after.orphans()).isEmpty();
      assertThat(after.corrupt()).hasSize(1);
      assertThat(after.dangling()).hasSize(1);
    }
  }
}
