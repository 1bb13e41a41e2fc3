package org.debforge.compose.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Boots an ISO in QEMU (TCG: no KVM on these machines) from its CD-ROM with SeaBIOS, the serial
 * console on stdio, until a marker line appears on it or a timeout. The whole console goes to a
 * file. Small on purpose: the image output's runner is to take its place.
 */
public final class QemuBoot {
  /** How a boot ended: the seconds until the marker, and the console file. */
  public record Booted(double seconds, Path console) {}

  private QemuBoot() {}

  /** The QEMU command line for {@code iso}. */
  static List<String> command(Path iso, int memoryMiB) {
    return List.of(
        "qemu-system-x86_64",
        "-accel",
        "tcg",
        "-m",
        Integer.toString(memoryMiB),
        "-smp",
        "1",
        "-nographic",
        "-no-reboot",
        "-cdrom",
        iso.toAbsolutePath().toString(),
        "-boot",
        "d");
  }

  /**
   * Boots until {@code marker} is printed on the serial console.
   *
   * @throws DebforgeException when QEMU ends, or the time is up, before the marker
   */
  public static Booted untilMarker(Path iso, String marker, Duration timeout, Path console)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(command(iso, 2048));
    Files.createDirectories(console.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    long start = System.nanoTime();
    Process p = pb.start();
    CompletableFuture<Boolean> seen = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = p.getInputStream();
                  OutputStream out = Files.newOutputStream(console)) {
                out.write(("$ " + String.join(" ", cmd) + "\n").getBytes(StandardCharsets.UTF_8));
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) != -1) {
                  out.write(b);
                  if (b == '\n') {
                    out.flush();
                    line.setLength(0);
                  } else {
                    line.append((char) b);
                    if (line.indexOf(marker) >= 0) {
                      out.flush();
                      seen.complete(true);
                    }
                  }
                }
              } catch (IOException e) {
                // the console ends with QEMU
              }
              seen.complete(false);
            },
            "qemu-console");
    reader.setDaemon(true);
    reader.start();
    try {
      boolean found = seen.get(timeout.toSeconds(), TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!found) {
        throw new DebforgeException(
            ErrorKind.TOOL_FAILED,
            "qemu: " + iso + " stopped without printing '" + marker + "'",
            "see the console in " + console);
      }
      return new Booted(seconds, console);
    } catch (TimeoutException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "qemu: no '" + marker + "' from " + iso + " within " + timeout.toSeconds() + " s",
          "see the console in " + console);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      reader.join(5000);
    }
  }
}
