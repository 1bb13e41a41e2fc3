package org.debforge.orchestrator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.testing.Load;
import org.debforge.orchestrator.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load check at a size that runs in well under a minute: 8 HTTP clients doing mixed
 * tag/untag/import/list operations against a server over PostgreSQL. No operation may fail with a
 * 5xx, and what the tags hold afterwards must equal the audited history replayed serially from
 * empty tags (which also proves every successful tag and untag was audited exactly once). The full
 * 2,000-operation run with figures is bench/orchestrator-load.sh.
 */
@Tag("slow")
@Tag("root")
class PostgresLoadTest {
  @TempDir Path tmp;

  @Test
  void concurrentClientsLeaveTheStateTheHistoryReplaysTo() throws Exception {
    try (TestPostgres pg = TestPostgres.start();
        Orchestrator o =
            Orchestrator.open(tmp.resolve("store"), pg.newDatabase(), "postgres", null)) {
      Load.Fixture f = Load.fixture(tmp.resolve("uploads"), 3, 6, 24, 60);
      Load.setUp(o, f);
      String token = o.createToken("setup", "load", Role.ADMIN).secret();
      try (OrchestratorServer server =
          OrchestratorServer.start(
              o,
              new OrchestratorServer.Options(
                  "127.0.0.1", 0, true, 1 << 20, tmp.resolve("store/tmp/uploads")))) {
        URI url = URI.create("http://127.0.0.1:" + server.port());
        List<List<Load.Op>> plans = Load.plan(f, 8, 600, 6);
        Load.Report r = Load.run(plans, () -> new RemoteOrchestrator(url, token));

        System.err.printf(
            "load: %.1f ops/s, p50 %.1f ms, p99 %.1f ms; %s%n",
            r.opsPerSecond(), r.percentileMillis(50), r.percentileMillis(99), Load.summary(r));
        assertThat(r.failures()).as(Load.summary(r)).isEmpty();
        assertThat(r.outcomes()).hasSize(600);
        // Contention happened: clients met already tagged and not tagged builds.
        assertThat(r.count(Load.Kind.TAG, "ok")).isPositive();
        assertThat(r.count(Load.Kind.TAG, "conflict")).as(Load.summary(r)).isPositive();
        assertThat(r.count(Load.Kind.UNTAG, "ok")).isPositive();
        assertThat(r.count(Load.Kind.IMPORT, "ok")).isPositive();

        List<HistoryEvent> history = o.history(null, null);
        List<String> inconsistencies = new ArrayList<>();
        Set<String> replayed = Load.replay(history, inconsistencies);
        assertThat(inconsistencies).isEmpty();
        assertThat(Load.tagState(new RemoteOrchestrator(url, token), f)).isEqualTo(replayed);
        assertThat(history.stream().filter(e -> e.action().equals("tag")).count())
            .isEqualTo(r.count(Load.Kind.TAG, "ok"));
        assertThat(history.stream().filter(e -> e.action().equals("untag")).count())
            .isEqualTo(r.count(Load.Kind.UNTAG, "ok"));
        assertThat(history.stream().filter(e -> e.action().equals("import")).count())
            .isEqualTo(f.seeded() + r.count(Load.Kind.IMPORT, "ok"));
      }
    }
  }
}
