package org.debforge.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.testing.Load;
import org.debforge.orchestrator.testing.TestPostgres;

/**
 * The load: {@code CLIENTS} HTTP clients doing {@code OPS} mixed tag/untag/import/list
 * operations against {@code deb-orchestrator serve} over PostgreSQL, then the same operations one
 * after the other in-process on an identical fresh database (the peer: what the work costs with no
 * HTTP and no concurrency). Checks no operation failed and the final tags equal the serial replay
 * of the audited history, then prints throughput, latency percentiles and the ratio. Run by {@code
 * bench/orchestrator-load.sh} (as root: PostgreSQL runs as the postgres user).
 */
public final class OrchestratorLoadBench {
  private OrchestratorLoadBench() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Path work = Files.createTempDirectory("orchestrator-load-");
    try (TestPostgres pg = TestPostgres.start()) {
      Load.Fixture f = Load.fixture(work.resolve("uploads"), 4, 8, 40, ops / 10 + 10);
      List<List<Load.Op>> plans = Load.plan(f, clients, ops, 2026);

      Load.Report http;
      try (Orchestrator o =
          Orchestrator.open(work.resolve("http-store"), pg.newDatabase(), "postgres", null)) {
        Load.setUp(o, f);
        String token = o.createToken("setup", "load", Role.ADMIN).secret();
        try (OrchestratorServer s =
            OrchestratorServer.start(
                o,
                new OrchestratorServer.Options(
                    "127.0.0.1", 0, true, 1 << 20, work.resolve("http-store/tmp/uploads")))) {
          URI url = URI.create("http://127.0.0.1:" + s.port());
          http = Load.run(plans, () -> new RemoteOrchestrator(url, token));
          List<String> inconsistencies = new ArrayList<>();
          Set<String> replayed = Load.replay(o.history(null, null), inconsistencies);
          Set<String> state = Load.tagState(o, f);
          if (!http.failures().isEmpty() || !inconsistencies.isEmpty() || !state.equals(replayed)) {
            System.err.println("FAILED: failures " + http.failures());
            System.err.println("history inconsistencies " + inconsistencies);
            System.err.println("state == replay: " + state.equals(replayed));
            System.exit(1);
          }
          System.out.printf(
              "check         no failures, %d tagged pairs == serial replay of %d history events%n",
              state.size(), o.history(null, null).size());
        }
      }

      Load.Report serial;
      try (Orchestrator o =
          Orchestrator.open(work.resolve("serial-store"), pg.newDatabase(), "postgres", null)) {
        Load.setUp(o, f);
        serial = Load.runSerially(Load.flatten(plans), o);
      }
      System.out.println("outcomes      " + Load.summary(http));
      System.out.printf(
          "%-34s %9s %9s %9s%n", "run (" + ops + " ops)", "ops/s", "p50 ms", "p99 ms");
      line(clients + " HTTP clients, PostgreSQL", http);
      line("serial in-process, PostgreSQL", serial);
      System.out.printf(
          "ratio HTTP concurrent / serial in-process throughput: %.2f%n",
          http.opsPerSecond() / serial.opsPerSecond());
    } finally {
      delete(work);
    }
  }

  private static void line(String name, Load.Report r) {
    System.out.printf(
        "%-34s %9.1f %9.2f %9.2f%n",
        name, r.opsPerSecond(), r.percentileMillis(50), r.percentileMillis(99));
  }

  private static void delete(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
