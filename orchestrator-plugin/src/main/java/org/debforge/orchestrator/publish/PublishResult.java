package org.debforge.orchestrator.publish;

import java.util.List;

/**
 * What one publish did.
 *
 * @param directory the repository root (holding {@code dists/} and {@code pool/})
 * @param written index files rewritten, below {@code dists/SUITE}
 * @param unchanged index files kept as they were
 * @param poolLinked pool files hard-linked to their blob by this run
 * @param poolCopied pool files copied because a link was impossible (another file system)
 * @param poolRemoved pool files no longer published (nor in a snapshot), removed
 * @param signedBy the signing key's fingerprint, or null when unsigned
 * @param snapshot the snapshot directory made, or null
 * @param export the export directory written, or null
 */
public record PublishResult(
    String tag,
    String suite,
    String directory,
    int builds,
    int binaries,
    int sources,
    List<String> written,
    List<String> unchanged,
    boolean releaseWritten,
    int poolLinked,
    int poolCopied,
    int poolRemoved,
    String signedBy,
    String snapshot,
    String export,
    long millis) {
  public PublishResult {
    written = List.copyOf(written);
    unchanged = List.copyOf(unchanged);
  }
}
