package org.debforge.orchestrator.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.debforge.core.DebforgeException;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.Tagging;

/**
 * A mixed tag/untag/import/list workload for deb-orchestrator, planned in advance from a seed so
 * that the same operations can be run by concurrent HTTP clients ({@code PostgresLoadTest}, {@code
 * bench/orchestrator-load.sh}) and serially in-process (the bench's peer). Outcomes a client may
 * legitimately see under contention are ok, conflict (already tagged) and not-found (not tagged,
 * not imported yet); anything else, a 5xx above all, is a failure.
 */
public final class Load {
  private Load() {}

  /** One operation of a client. */
  public record Op(Kind kind, String tag, String build, Path upload, boolean inherit) {}

  public enum Kind {
    IMPORT,
    TAG,
    UNTAG,
    LIST
  }

  /** What one operation gave, and how long it took. */
  public record Outcome(Op op, long nanos, String result) {
    public boolean failed() {
      return !result.equals("ok") && !result.equals("conflict") && !result.equals("not-found");
    }
  }

  /** A run: every outcome and the wall time. */
  public record Report(List<Outcome> outcomes, long wallNanos) {
    public double opsPerSecond() {
      return outcomes.size() / (wallNanos / 1e9);
    }

    /** The {@code p}-th percentile of the latencies in milliseconds. */
    public double percentileMillis(double p) {
      long[] n = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
      int i = (int) Math.ceil(p / 100.0 * n.length) - 1;
      return n[Math.max(0, Math.min(n.length - 1, i))] / 1e6;
    }

    public List<Outcome> failures() {
      return outcomes.stream().filter(Outcome::failed).toList();
    }

    public long count(Kind kind, String result) {
      return outcomes.stream()
          .filter(o -> o.op().kind() == kind && o.result().equals(result))
          .count();
    }
  }

  /** The fixed world the operations run in: tags, packages, and uploads made on disk. */
  public record Fixture(List<String> tags, List<String> packages, List<Path> uploads, int seeded) {
    public String nvr(int upload) {
      return packages.get(upload % packages.size()) + "_1." + upload + "-1";
    }
  }

  /**
   * Writes {@code seeded + imports} uploads under {@code work}: upload {@code i} is package {@code
   * pkg-(i mod packages)} at version {@code 1.i-1}, so each is a distinct build.
   */
  public static Fixture fixture(Path work, int tags, int packages, int seeded, int imports)
      throws IOException {
    List<String> tagNames = new ArrayList<>();
    for (int i = 0; i < tags; i++) {
      tagNames.add("load-" + i);
    }
    List<String> pkgs = new ArrayList<>();
    for (int i = 0; i < packages; i++) {
      pkgs.add("pkg-" + i);
    }
    Fixture f = new Fixture(tagNames, pkgs, new ArrayList<>(), seeded);
    for (int i = 0; i < seeded + imports; i++) {
      String nvr = f.nvr(i);
      String source = nvr.substring(0, nvr.indexOf('_'));
      String version = nvr.substring(nvr.indexOf('_') + 1);
      f.uploads().add(Uploads.changes(work.resolve("u" + i), source, version, "all", "p" + i));
    }
    return new Fixture(tagNames, pkgs, List.copyOf(f.uploads()), seeded);
  }

  /**
   * Creates the tags (each inheriting from the one before), their package lists, and imports the
   * seeded builds: the state every run starts from.
   */
  public static void setUp(Orchestrator o, Fixture f) {
    for (int i = 0; i < f.tags().size(); i++) {
      o.addTag("setup", f.tags().get(i), List.of("amd64"));
      if (i > 0) {
        o.addInheritance("setup", f.tags().get(i), InheritanceLink.of(f.tags().get(i - 1), 0));
      }
      for (String p : f.packages()) {
        o.addPackage("setup", f.tags().get(i), p, "load", false);
      }
    }
    for (int i = 0; i < f.seeded(); i++) {
      o.importBuild(f.uploads().get(i), provenance());
    }
  }

  /**
   * Plans {@code total} operations for {@code clients} clients: about 10% imports (each not seeded
   * upload once, in order), 35% tag, 25% untag, 30% list-tagged. Tags and untags pick from a small
   * hot set of builds so that clients collide on the same tag and build.
   */
  public static List<List<Op>> plan(Fixture f, int clients, int total, long seed) {
    Random r = new Random(seed);
    List<List<Op>> plans = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      plans.add(new ArrayList<>());
    }
    int nextImport = f.seeded();
    for (int i = 0; i < total; i++) {
      List<Op> plan = plans.get(i % clients);
      int dice = r.nextInt(100);
      String tag = f.tags().get(r.nextInt(f.tags().size()));
      // Mostly seeded builds (present from the start), some imported during the run.
      int upload =
          nextImport > f.seeded() && r.nextInt(4) == 0
              ? f.seeded() + r.nextInt(nextImport - f.seeded())
              : r.nextInt(f.seeded());
      if (dice < 10 && nextImport < f.uploads().size()) {
        plan.add(new Op(Kind.IMPORT, null, f.nvr(nextImport), f.uploads().get(nextImport), false));
        nextImport++;
      } else if (dice < 45) {
        plan.add(new Op(Kind.TAG, tag, f.nvr(upload), null, false));
      } else if (dice < 70) {
        plan.add(new Op(Kind.UNTAG, tag, f.nvr(upload), null, false));
      } else {
        plan.add(new Op(Kind.LIST, tag, null, null, r.nextBoolean()));
      }
    }
    return plans;
  }

  /** Runs each plan on its own thread and client; {@code client} gives a new client per thread. */
  public static Report run(List<List<Op>> plans, Supplier<OrchestratorApi> client)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(plans.size());
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (List<Op> plan : plans) {
        running.add(
            pool.submit(
                () -> {
                  try (OrchestratorApi api = client.get()) {
                    for (Op op : plan) {
                      outcomes.add(apply(api, op));
                    }
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Report(List.copyOf(outcomes), System.nanoTime() - start);
  }

  /** The same operations one after the other on one client, in the given order. */
  public static Report runSerially(List<Op> ops, OrchestratorApi api) {
    List<Outcome> outcomes = new ArrayList<>();
    long start = System.nanoTime();
    for (Op op : ops) {
      outcomes.add(apply(api, op));
    }
    return new Report(outcomes, System.nanoTime() - start);
  }

  private static Outcome apply(OrchestratorApi api, Op op) {
    long t0 = System.nanoTime();
    String result = "ok";
    try {
      switch (op.kind()) {
        case IMPORT -> api.importBuild(op.upload(), provenance());
        case TAG -> api.tagBuild("load", op.tag(), op.build());
        case UNTAG -> api.untagBuild("load", op.tag(), op.build());
        case LIST ->
            api.listTagged(op.tag(), new Tagging.Query(op.inherit(), op.inherit(), null, null));
      }
    } catch (DebforgeException e) {
      result =
          switch (e.kind()) {
            case CONFLICT -> "conflict";
            case NOT_FOUND -> "not-found";
            default -> e.kind() + ": " + e.getMessage();
          };
    } catch (RuntimeException e) {
      result = "exception: " + e;
    }
    return new Outcome(op, System.nanoTime() - t0, result);
  }

  private static Provenance provenance() {
    return new Provenance("load", Instant.now(), null, null, null);
  }

  /** What the tags hold now, as {@code tag build} lines (the tags' own builds, no inheritance). */
  public static Set<String> tagState(OrchestratorApi o, Fixture f) {
    Set<String> out = new TreeSet<>();
    for (String tag : f.tags()) {
      o.listTagged(tag, Tagging.Query.all()).forEach(t -> out.add(tag + " " + t.build().nvr()));
    }
    return out;
  }

  /**
   * The audited history replayed serially from an empty set of tag contents: every tag event adds
   * its pair and every untag event removes it. A tag of a pair already present or an untag of one
   * absent means the history does not describe a serial order, and is reported in {@code
   * inconsistencies}.
   */
  public static Set<String> replay(List<HistoryEvent> history, List<String> inconsistencies) {
    Set<String> state = new TreeSet<>();
    List<HistoryEvent> ordered = new ArrayList<>(history);
    ordered.sort((a, b) -> Long.compare(a.id(), b.id()));
    for (HistoryEvent e : ordered) {
      String pair = e.tag() + " " + e.build();
      if (e.action().equals("tag") && !state.add(pair)) {
        inconsistencies.add("event " + e.id() + " tags " + pair + " twice");
      } else if (e.action().equals("untag") && !state.remove(pair)) {
        inconsistencies.add("event " + e.id() + " untags " + pair + " which is not tagged");
      }
    }
    return state;
  }

  /** Every operation of every plan, for a serial run of the same work. */
  public static List<Op> flatten(List<List<Op>> plans) {
    List<Op> out = new ArrayList<>();
    int longest = plans.stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (List<Op> p : plans) {
        if (i < p.size()) {
          out.add(p.get(i));
        }
      }
    }
    return out;
  }

  /** The distinct results of a report, for messages. */
  public static String summary(Report r) {
    Set<String> lines = new HashSet<>();
    for (Kind k : Kind.values()) {
      for (String res : List.of("ok", "conflict", "not-found")) {
        long n = r.count(k, res);
        if (n > 0) {
          lines.add(k.name().toLowerCase() + " " + res + " " + n);
        }
      }
    }
    String[] sorted = lines.toArray(String[]::new);
    Arrays.sort(sorted);
    return String.join(", ", sorted);
  }
}
