package org.debforge.orchestrator.api;

import java.nio.file.Path;
import java.sql.SQLException;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The REST API over PostgreSQL from Debian's package (root: it runs as the postgres user). */
@Tag("root")
class PostgresHttpTest extends HttpContract {
  static TestPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = TestPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  Orchestrator open(Path storeDir) {
    try {
      return Orchestrator.open(storeDir, postgres.newDatabase(), "postgres", null);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
