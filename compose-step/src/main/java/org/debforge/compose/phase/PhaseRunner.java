package org.debforge.compose.phase;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.debforge.core.DebforgeException;

/**
 * Runs phases in order, each with its log ({@code logs/PHASE.log}), timing and status. The first
 * failure of a phase that is not failable stops the run (the rest are recorded as skipped) and
 * dooms the compose; a failable phase's failure is recorded and the run goes on.
 */
public final class PhaseRunner<C> {
  private final Clock clock;
  private final Path logDir;
  private final PhaseListener listener;

  public PhaseRunner(Clock clock, Path logDir, PhaseListener listener) {
    this.clock = clock;
    this.logDir = logDir;
    this.listener = listener;
  }

  /** How the run ended: the status and, when doomed, the reason. */
  public record Outcome(ComposeStatus status, String reason, List<PhaseRecord> phases) {
    public Outcome {
      phases = List.copyOf(phases);
    }
  }

  /**
   * @param notes what each phase wants recorded of itself after it ran (null for nothing)
   */
  public Outcome run(List<Phase<C>> phases, C context, Function<String, String> notes) {
    List<PhaseRecord> records = new ArrayList<>();
    boolean incomplete = false;
    String doomed = null;
    for (Phase<C> phase : phases) {
      if (doomed != null) {
        records.add(new PhaseRecord(phase.name(), "skipped", false, null, null, null, null));
        continue;
      }
      listener.started(phase.name());
      Instant start = clock.instant();
      String error = null;
      boolean failable = false;
      Path logFile = logDir.resolve(phase.name() + ".log");
      try (PrintWriter log =
          new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true)) {
        log.println("phase " + phase.name() + " started " + start);
        try {
          failable = phase.failable(context);
          phase.run(context, log);
          log.println("phase " + phase.name() + " finished");
        } catch (Exception e) {
          failable = safeFailable(phase, context);
          error = message(e);
          log.println("phase " + phase.name() + " FAILED: " + error);
          if (!(e instanceof DebforgeException)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            log.print(trace);
          }
        }
      } catch (IOException e) {
        error = "cannot write " + logFile + ": " + e.getMessage();
      }
      String note = notes == null ? null : notes.apply(phase.name());
      PhaseRecord r =
          new PhaseRecord(
              phase.name(),
              error == null ? "finished" : "failed",
              failable,
              start,
              clock.instant(),
              error,
              note);
      records.add(r);
      listener.ended(r);
      if (error != null) {
        if (failable) {
          incomplete = true;
        } else {
          doomed = "phase " + phase.name() + " failed: " + error;
        }
      }
    }
    ComposeStatus status =
        doomed != null
            ? ComposeStatus.DOOMED
            : incomplete ? ComposeStatus.FINISHED_INCOMPLETE : ComposeStatus.FINISHED;
    return new Outcome(status, doomed, records);
  }

  private static <C> boolean safeFailable(Phase<C> phase, C context) {
    try {
      return phase.failable(context);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof DebforgeException d && d.hint().isPresent()) {
      m = m + " (hint: " + d.hint().get() + ")";
    }
    return m;
  }
}
