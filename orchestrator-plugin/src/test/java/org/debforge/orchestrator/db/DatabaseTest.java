package org.debforge.orchestrator.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening skips Flyway only when every migration is applied; otherwise it still migrates. */
class DatabaseTest {
  @TempDir Path tmp;

  @Test
  void newestMigrationConstantMatchesTheMigrationsShipped() throws Exception {
    Path dir = Path.of(Database.class.getResource("/db/migration").toURI());
    Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
    int newest;
    try (Stream<Path> files = Files.list(dir)) {
      newest =
          files
              .map(f -> name.matcher(f.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElseThrow();
    }
    assertThat(Database.NEWEST_MIGRATION).isEqualTo(newest);
  }

  @Test
  void reopeningAnUpToDateStoreKeepsItsData() throws Exception {
    try (Database db = Database.embedded(tmp);
        Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO publish_debs (sha256, md5, control) VALUES ('s', 'm', 'c')");
    }
    try (Database db = Database.embedded(tmp)) {
      assertThat(count(db, "SELECT COUNT(*) FROM publish_debs")).isEqualTo(1);
      assertThat(count(db, "SELECT COUNT(*) FROM \"flyway_schema_history\""))
          .isEqualTo(shipped() + 1); // the schema creation row, then each migration
    }
  }

  @Test
  void aStoreBehindIsStillMigrated() throws SQLException, URISyntaxException {
    try (Database db = Database.embedded(tmp);
        Connection c = db.connect();
        Statement st = c.createStatement()) {
      // As a store written before V3 (publishing), V4 (tag permissions) and V5 (build parts) were
      // shipped looks, with one build of the time.
      st.execute("DROP TABLE build_parts");
      st.execute("ALTER TABLE build_files DROP COLUMN arch");
      st.execute("ALTER TABLE builds DROP COLUMN signed_by");
      st.execute(
          "INSERT INTO builds (id, source, version, state, architectures, binaries, distribution,"
              + " changes_name, content_sha256, imported_by, imported_at) VALUES (7, 'hello',"
              + " '1.0-1', 'COMPLETE', 'source amd64 all', 'hello', 'trixie', 'h.changes', '"
              + "a".repeat(64)
              + "', 'alice', 1)");
      st.execute(
          "INSERT INTO build_files (build_id, name, kind, size, sha256) VALUES (7, 'h.changes',"
              + " 'changes', 1, '"
              + "b".repeat(64)
              + "')");
      st.execute("DROP TABLE api_token_perms");
      st.execute("ALTER TABLE tags DROP COLUMN perm");
      st.execute("DROP TABLE publish_debs");
      st.execute("DROP TABLE publish_settings");
      // And before V6 (web sessions).
      st.execute("DROP TABLE web_sessions");
      // And before V7 (composes).
      st.execute("DROP TABLE compose_packages");
      st.execute("DROP TABLE compose_sources");
      st.execute("DROP TABLE composes");
      st.execute(
          "DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('3', '4', '5', '6', '7')");
    }
    try (Database db = Database.embedded(tmp)) {
      assertThat(count(db, "SELECT COUNT(*) FROM publish_debs")).isZero();
      // V5: the old build is one part, keyed by its concrete architecture; its file is that part's.
      assertThat(
              count(db, "SELECT COUNT(*) FROM build_parts WHERE build_id = 7 AND arch = 'amd64'"))
          .isEqualTo(1);
      assertThat(count(db, "SELECT COUNT(*) FROM build_files WHERE arch = 'amd64'")).isEqualTo(1);
      // V7: the compose tables exist again, empty.
      assertThat(count(db, "SELECT COUNT(*) FROM compose_packages")).isZero();
      assertThat(count(db, "SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\""))
          .isEqualTo(Database.NEWEST_MIGRATION);
    }
  }

  /** How many migrations this build ships (numbers may have gaps while branches are merged). */
  private static int shipped() throws URISyntaxException, java.io.IOException {
    Path dir = Path.of(Database.class.getResource("/db/migration").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    }
  }

  private static int count(Database db, String query) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        var rs = st.executeQuery(query)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
