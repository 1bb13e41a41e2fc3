package org.debforge.orchestrator.compose;

import java.nio.file.Path;
import java.time.Clock;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Checkpoint;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.store.BlobStore;

/** Compose records on the embedded H2 database. */
class H2ComposeTest extends ComposeContract {
  @Override
  Orchestrator open(Path storeDir) {
    return new Orchestrator(
        new BlobStore(storeDir), Database.embedded(storeDir), Clock.systemUTC(), Checkpoint.NONE);
  }
}
