package org.debforge.orchestrator.fsck;

import java.util.List;

/**
 * What {@code fsck} found: the store is sound when every blob's content has the sha256 it is named
 * by, every file of a live build has its blob, and no blob is an orphan (left after repair).
 *
 * @param blobs blobs read and hashed
 * @param references files of builds that are not DELETED, each checked for its blob
 * @param corrupt blobs whose content is not what their name says (or not the size builds record)
 * @param dangling files of live builds whose blob is missing
 * @param orphans blobs no build (of any state) has ever listed
 * @param removed orphans removed by {@code --repair}
 */
public record FsckReport(
    int blobs,
    int references,
    List<Corrupt> corrupt,
    List<Dangling> dangling,
    List<String> orphans,
    List<String> removed) {
  public FsckReport {
    corrupt = List.copyOf(corrupt);
    dangling = List.copyOf(dangling);
    orphans = List.copyOf(orphans);
    removed = List.copyOf(removed);
  }

  /** A blob whose bytes hash to {@code actual}, or whose size is not the recorded one. */
  public record Corrupt(String sha256, String actual, long size, String reason) {}

  /** A file of a live build whose blob is missing from the pool. */
  public record Dangling(String build, String file, String sha256) {}

  public boolean sound() {
    return corrupt.isEmpty() && dangling.isEmpty() && removed.containsAll(orphans);
  }
}
