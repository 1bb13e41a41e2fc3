package org.debforge.debmock.chroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A log file in the result directory ({@code root.log}, {@code build.log}) that commands write to,
 * with deb-mock's own lines timestamped between them. Every command runs in private mount and PID
 * namespaces and is killed with deb-mock, so no mount and no process outlives us.
 */
public final class RootLog {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final Path file;
  private final Consumer<String> progress;

  public RootLog(Path file, Consumer<String> progress) {
    this.file = file;
    this.progress = progress;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path file() {
    return file;
  }

  /** Appends one line of deb-mock's own, and shows it as progress. */
  public void line(String text) {
    progress.accept(text);
    append("[deb-mock " + LocalDateTime.now().format(TIME) + "] " + text + "\n");
  }

  public void append(String text) {
    try {
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code cmd} in private namespaces with output appended here; returns its exit code. */
  public int run(List<String> cmd) {
    return exec(isolated(cmd, true), false);
  }

  /**
   * Wraps {@code cmd} so that it runs as PID 1 of new mount, PID, IPC and UTS namespaces (and a
   * network namespace unless {@code network}), and dies with this JVM: setpriv gives unshare a
   * parent-death signal, and unshare's --kill-child passes it on to the namespace's PID 1.
   */
  /** One command's process, and whether its shutdown hook already ran (then it must not start). */
  private static final class Slot {
    Process process;
    boolean dead;
  }

  static List<String> isolated(List<String> cmd, boolean network) {
    List<String> out = new ArrayList<>();
    out.add("setpriv");
    out.add("--pdeathsig=KILL");
    out.add("unshare");
    out.add("--mount");
    out.add("--propagation=private");
    out.add("--pid");
    out.add("--fork");
    out.add("--kill-child");
    out.add("--ipc");
    out.add("--uts");
    if (!network) {
      out.add("--net");
    }
    out.addAll(cmd);
    return out;
  }

  int exec(List<String> cmd, boolean interactive) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (interactive) {
      pb.inheritIO();
    } else {
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    pb.environment().put("LC_ALL", "C.UTF-8");
    // The hook is registered before the process exists, so no process starts after shutdown began
    // (Ctrl-C, SIGTERM): a process started then would outlive deb-mock.
    Slot slot = new Slot();
    Thread killer =
        new Thread(
            () -> {
              synchronized (slot) {
                if (slot.process != null) {
                  slot.process.destroyForcibly();
                }
                slot.dead = true;
              }
            });
    try {
      Runtime.getRuntime().addShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      append("not started, deb-mock is exiting: " + String.join(" ", cmd) + "\n");
      return 143;
    }
    Process p;
    try {
      synchronized (slot) {
        if (slot.dead) {
          return 143;
        }
        p = pb.start();
        slot.process = p;
      }
    } catch (IOException e) {
      append("cannot start " + cmd.get(0) + ": " + e.getMessage() + "\n");
      removeHook(killer);
      return 127;
    }
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return 130;
    } finally {
      removeHook(killer);
    }
  }

  private static void removeHook(Thread killer) {
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
