package org.debforge.debmock.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code state.log}: when each phase started and how long it took, as Mock writes it; the same
 * timings go into result.json.
 */
public final class StateLog {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** One finished (or failed) phase. */
  public record Phase(String name, Instant start, double seconds, boolean ok) {}

  private final Path file;
  private final List<Phase> phases = new ArrayList<>();

  public StateLog(Path file) {
    this.file = file;
  }

  /** Runs {@code body} as phase {@code name}, logging start, end and duration. */
  public <T> T phase(String name, java.util.function.Supplier<T> body) {
    Instant start = Instant.now();
    write("Start: " + name);
    boolean ok = false;
    try {
      T t = body.get();
      ok = true;
      return t;
    } finally {
      double s = Duration.between(start, Instant.now()).toMillis() / 1000.0;
      phases.add(new Phase(name, start, s, ok));
      write((ok ? "Finish: " : "Failed: ") + name + String.format(" (%.1fs)", s));
    }
  }

  public void phase(String name, Runnable body) {
    phase(
        name,
        () -> {
          body.run();
          return null;
        });
  }

  /** A line of its own between phases, e.g. where the build dependencies came from. */
  public void note(String line) {
    write(line);
  }

  public List<Phase> phases() {
    return List.copyOf(phases);
  }

  private void write(String line) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          LocalDateTime.now().format(TIME) + " - " + line + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
