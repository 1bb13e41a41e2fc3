package org.debforge.orchestrator.publish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.db.Sql;

/**
 * The {@code publish_debs} table: each published .deb's control fields and md5, keyed by sha256.
 * Blobs never change, so an entry never goes stale.
 */
final class DebControlCache {
  private static final int CHUNK = 500;

  /** A .deb's control paragraph and md5. */
  record Entry(String md5, Paragraph control) {}

  private DebControlCache() {}

  static Map<String, Entry> load(Database db, Collection<String> sha256s) {
    List<String> all = new ArrayList<>(sha256s);
    Map<String, Entry> found = new HashMap<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      Sql.inTransaction(
          db,
          sql ->
              sql.query(
                  "SELECT sha256, md5, control FROM publish_debs WHERE sha256 IN (" + marks + ")",
                  rs -> {
                    String sha = rs.getString(1);
                    found.put(
                        sha,
                        new Entry(
                            rs.getString(2), Deb822.parseOne(rs.getString(3), "cache:" + sha)));
                    return null;
                  },
                  chunk.toArray()));
    }
    return found;
  }

  /** Stores new entries; one already stored by a concurrent publish of another tag is kept. */
  static void store(Database db, Map<String, Entry> entries) {
    try {
      Sql.inTransaction(
          db,
          sql -> {
            entries.forEach((sha, e) -> insert(sql, sha, e));
            return null;
          });
    } catch (DebforgeException e) {
      if (!Sql.isUniqueViolation(e)) {
        throw e;
      }
      entries.forEach(
          (sha, entry) -> {
            try {
              Sql.inTransaction(db, sql -> insert(sql, sha, entry));
            } catch (DebforgeException again) {
              if (!Sql.isUniqueViolation(again)) {
                throw again;
              }
            }
          });
    }
  }

  private static Integer insert(Sql sql, String sha, Entry e) {
    return sql.update(
        "INSERT INTO publish_debs (sha256, md5, control) VALUES (?, ?, ?)",
        sha,
        e.md5(),
        Deb822.write(List.of(e.control())));
  }
}
