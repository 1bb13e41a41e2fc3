package org.debforge.orchestrator.build;

import java.time.Instant;

/**
 * Who imported a build and from where: the user, the time, and the Jenkins build that produced it
 * when there was one ({@code BUILD_URL}, {@code JOB_NAME}, {@code BUILD_NUMBER}).
 */
public record Provenance(
    String user, Instant at, String jenkinsUrl, String jenkinsJob, Integer jenkinsNumber) {
  public Provenance {
    if (user == null || user.isBlank() || at == null) {
      throw new IllegalArgumentException("provenance needs a user and a time");
    }
    if (jenkinsNumber != null && jenkinsNumber < 0) {
      throw new IllegalArgumentException("a Jenkins build number is not negative");
    }
  }

  public static Provenance of(String user, Instant at) {
    return new Provenance(user, at, null, null, null);
  }
}
