package org.debforge.orchestrator.compose;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Checkpoint;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Compose records on PostgreSQL (Debian's server, run as postgres: root). */
@Tag("root")
class PostgresComposeTest extends ComposeContract {
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

  @Override
  Orchestrator open(Path storeDir) {
    try {
      return new Orchestrator(
          new BlobStore(storeDir),
          Database.postgresql(server.newDatabase(), "postgres", null),
          Clock.systemUTC(),
          Checkpoint.NONE);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
