package org.debforge.orchestrator.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.history.History;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.Tags;

/** The {@code publish_settings} table. */
final class PublishSettingsRecords {
  private PublishSettingsRecords() {}

  /** The tag's own settings, if set. */
  static Optional<PublishSettings> find(Sql sql, Tag tag) {
    return sql.one(
        "SELECT suite, codename, components, architectures, origin, label, description,"
            + " signing_key, latest_only, split_debug FROM publish_settings WHERE tag_id = ?",
        PublishSettingsRecords::row,
        tag.id());
  }

  static void put(Sql sql, Instant at, String actor, String tagName, PublishSettings s) {
    Tag tag = Tags.require(sql, tagName);
    sql.update("DELETE FROM publish_settings WHERE tag_id = ?", tag.id());
    sql.update(
        "INSERT INTO publish_settings (tag_id, suite, codename, components, architectures, origin,"
            + " label, description, signing_key, latest_only, split_debug)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        tag.id(),
        s.suite(),
        s.codename(),
        String.join(" ", s.components()),
        s.architectures().isEmpty() ? null : String.join(" ", s.architectures()),
        s.origin(),
        s.label(),
        s.description(),
        s.signingKey(),
        s.latestOnly(),
        s.splitDebug());
    History.record(
        sql,
        at,
        actor,
        "publish-config",
        tagName,
        null,
        "suite " + s.suite() + ", components " + String.join(" ", s.components()));
  }

  private static PublishSettings row(ResultSet rs) throws SQLException {
    return new PublishSettings(
        rs.getString(1),
        rs.getString(2),
        words(rs.getString(3)),
        words(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getBoolean(9),
        splitDebug(rs));
  }

  /** NULL (settings written before V5 added the column) splits, as the default does. */
  private static boolean splitDebug(ResultSet rs) throws SQLException {
    boolean v = rs.getBoolean(10);
    return rs.wasNull() || v;
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
  }
}
