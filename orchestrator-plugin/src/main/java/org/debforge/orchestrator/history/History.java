package org.debforge.orchestrator.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.debforge.orchestrator.db.Sql;

/**
 * The audit trail. Every write of the engine appends its event in the same transaction as the
 * change itself, so the history cannot miss a change or record one that did not happen.
 */
public final class History {
  private History() {}

  public static void record(
      Sql sql, Instant at, String actor, String action, String tag, String build, String detail) {
    sql.update(
        "INSERT INTO history (at_ms, actor, action, tag, build, detail) VALUES (?, ?, ?, ?, ?, ?)",
        at.toEpochMilli(),
        actor,
        action,
        tag,
        build,
        detail);
  }

  /** Events oldest first, restricted to a tag and/or a build when given. */
  public static List<HistoryEvent> list(Sql sql, String tag, String build) {
    StringBuilder q =
        new StringBuilder("SELECT id, at_ms, actor, action, tag, build, detail FROM history");
    List<Object> args = new ArrayList<>();
    String glue = " WHERE ";
    if (tag != null) {
      q.append(glue).append("tag = ?");
      args.add(tag);
      glue = " AND ";
    }
    if (build != null) {
      q.append(glue).append("build = ?");
      args.add(build);
    }
    q.append(" ORDER BY id");
    return sql.query(
        q.toString(),
        rs ->
            new HistoryEvent(
                rs.getLong(1),
                Instant.ofEpochMilli(rs.getLong(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7)),
        args.toArray());
  }
}
