package org.debforge.orchestrator.api;

import java.nio.file.Path;
import org.debforge.orchestrator.Orchestrator;

/** The REST API over the embedded H2 store. */
class H2HttpTest extends HttpContract {
  @Override
  Orchestrator open(Path storeDir) {
    return Orchestrator.open(storeDir, null, null, null);
  }
}
