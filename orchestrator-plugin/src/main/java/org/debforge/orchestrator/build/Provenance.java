package org.debforge.orchestrator.build;

import java.time.Instant;

/**
 * Who imported a build and from where: the user, the time, the Jenkins build that produced it when
 * there was one ({@code BUILD_URL}, {@code JOB_NAME}, {@code BUILD_NUMBER}), and the fingerprint of
 * the key whose signature of the .changes the store checked ({@code signedBy}, null when it checked
 * none).
 */
public record Provenance(
    String user,
    Instant at,
    String jenkinsUrl,
    String jenkinsJob,
    Integer jenkinsNumber,
    String signedBy) {
  public Provenance {
    if (user == null || user.isBlank() || at == null) {
      throw new IllegalArgumentException("provenance needs a user and a time");
    }
    if (jenkinsNumber != null && jenkinsNumber < 0) {
      throw new IllegalArgumentException("a Jenkins build number is not negative");
    }
  }

  public Provenance(
      String user, Instant at, String jenkinsUrl, String jenkinsJob, Integer jenkinsNumber) {
    this(user, at, jenkinsUrl, jenkinsJob, jenkinsNumber, null);
  }

  /** This provenance, with the .changes verified as signed by {@code fingerprint}. */
  public Provenance signedBy(String fingerprint) {
    return new Provenance(user, at, jenkinsUrl, jenkinsJob, jenkinsNumber, fingerprint);
  }

  public static Provenance of(String user, Instant at) {
    return new Provenance(user, at, null, null, null);
  }
}
