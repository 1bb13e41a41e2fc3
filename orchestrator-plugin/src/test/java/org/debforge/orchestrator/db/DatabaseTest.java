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
      // As a store written before V3 (publishing) and V4 (tag permissions) were shipped looks.
      st.execute("ALTER TABLE builds DROP COLUMN signed_by");
      st.execute("DROP TABLE api_token_perms");
      st.execute("ALTER TABLE tags DROP COLUMN perm");
      st.execute("DROP TABLE publish_debs");
      st.execute("DROP TABLE publish_settings");
      // And before V6 (web sessions): Flyway refuses to apply old migrations below a newer one.
      st.execute("DROP TABLE web_sessions");
      st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('3', '4', '6')");
    }
    try (Database db = Database.embedded(tmp)) {
      assertThat(count(db, "SELECT COUNT(*) FROM publish_debs")).isZero();
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
