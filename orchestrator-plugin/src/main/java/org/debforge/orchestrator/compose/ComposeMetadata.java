package org.debforge.orchestrator.compose;

import java.util.List;

/**
 * What importing a compose records, read from its {@code metadata/composeinfo.json} (productmd 1.2
 * plus our {@code debforge} key) and {@code metadata/lock.json}.
 *
 * @param date productmd's payload.compose.date, {@code YYYYMMDD}
 * @param type productmd's compose type: production, nightly, test or ci
 * @param status the compose's STATUS (FINISHED, FINISHED_INCOMPLETE, DOOMED, ...)
 * @param blueprint the blueprint's name or path as the compose recorded it; text only
 * @param phasesJson the {@code debforge.phases} array as compact JSON text
 * @param contentSha256 the digest of all of the above in a normal form: equal digests, same compose
 */
public record ComposeMetadata(
    String composeId,
    String name,
    String shortName,
    String version,
    String date,
    int respin,
    String type,
    String status,
    String blueprint,
    String phasesJson,
    List<LockPackage> packages,
    List<LockSource> sources,
    String contentSha256) {
  public ComposeMetadata {
    packages = List.copyOf(packages);
    sources = List.copyOf(sources);
  }
}
