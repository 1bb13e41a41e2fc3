package org.debforge.orchestrator.upload;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A resumable upload as a client sees it: what was declared, how many bytes of each file arrived
 * ({@code received}, where the next chunk must start), and whether it was committed.
 *
 * @param fields the import's form fields (jenkins_url, jenkins_job, jenkins_number)
 */
public record UploadSession(
    String id,
    String owner,
    Instant created,
    List<DeclaredFile> files,
    Map<String, String> fields,
    Map<String, Long> received,
    boolean committed) {
  public UploadSession {
    files = List.copyOf(files);
    fields = Map.copyOf(fields);
    received = Map.copyOf(received);
  }

  public boolean complete() {
    return files.stream().allMatch(f -> received.getOrDefault(f.name(), 0L) == f.size());
  }
}
