package org.debforge.orchestrator.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.debforge.orchestrator.history.HistoryEvent;

/** One history event as the tag and build pages list it. */
public record EventRow(
    String at, String actor, String action, String tag, String build, String detail) {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  static EventRow of(HistoryEvent e) {
    return new EventRow(time(e.at()), e.actor(), e.action(), e.tag(), e.build(), e.detail());
  }

  static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  public String tagHref() {
    return tag == null ? null : Href.path("tags", tag);
  }

  public String buildHref() {
    return build == null ? null : Href.path("builds", build);
  }
}
