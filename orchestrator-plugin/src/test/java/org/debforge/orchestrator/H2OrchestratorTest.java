package org.debforge.orchestrator;

import java.nio.file.Path;
import java.time.Clock;
import org.debforge.orchestrator.build.Checkpoint;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.store.BlobStore;

/** The engine contract on the embedded H2 database. */
class H2OrchestratorTest extends OrchestratorContract {
  @Override
  Orchestrator open(Path storeDir, Checkpoint checkpoint) {
    return new Orchestrator(
        new BlobStore(storeDir), Database.embedded(storeDir), Clock.systemUTC(), checkpoint);
  }
}
