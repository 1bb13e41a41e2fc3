package org.debforge.orchestrator;

import java.nio.file.Path;
import java.time.Clock;
import org.debforge.orchestrator.build.Checkpoint;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The engine contract on PostgreSQL: one server from Debian's package for the class, a fresh
 * database per test. Root: the server runs as the postgres user.
 */
@Tag("root")
class PostgresOrchestratorTest extends OrchestratorContract {
  static TestPostgres server;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestPostgres.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  // A test that reopens its store (the atomicity test) must land on the same database.
  private Path lastStore;
  private String lastUrl;

  @Override
  Orchestrator open(Path storeDir, Checkpoint checkpoint) {
    try {
      if (!storeDir.equals(lastStore)) {
        lastStore = storeDir;
        lastUrl = server.newDatabase();
      }
      return new Orchestrator(
          new BlobStore(storeDir),
          Database.postgresql(lastUrl, "postgres", null),
          Clock.systemUTC(),
          checkpoint);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
