package org.debforge.compose.boottest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.debforge.compose.tool.Tools;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Boots a disk image the way Pungi's test phase checks one: in QEMU, here without KVM (TCG: these
 * machines have no working /dev/kvm), UEFI by OVMF, the serial console to a file, no network, and
 * waits until a line holding the marker appears. A live ISO boots the same way from a CD-ROM by the
 * BIOS. The image is attached with {@code snapshot=on}, so the boot writes to a temporary overlay
 * and never changes the deliverable.
 */
public final class QemuBoot {
  /** How often the serial log is read for the marker. */
  private static final long POLL_MILLIS = 500;

  /** QEMU for a disk (UEFI by OVMF: {@code fw} and its variable store {@code vars}) or an ISO. */
  static List<String> command(BootRequest r, Ovmf fw, Path vars) {
    List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64"));
    if (!r.iso()) {
      cmd.addAll(List.of("-machine", "q35")); // an ISO boots on QEMU's default PC by SeaBIOS
    }
    cmd.addAll(
        List.of(
            "-accel",
            "tcg",
            "-m",
            "2048",
            "-smp",
            "2",
            "-nographic",
            "-monitor",
            "none",
            "-serial",
            "file:" + r.serialLog().toAbsolutePath(),
            "-nic",
            "none",
            "-no-reboot"));
    if (r.iso()) {
      // No firmware files, and the live ISO's isolinux menu times out to its entry.
      cmd.addAll(List.of("-cdrom", r.image().toAbsolutePath().toString(), "-boot", "d"));
    } else {
      cmd.addAll(
          List.of(
              "-drive",
              "if=pflash,format=raw,unit=0,readonly=on,file=" + fw.code(),
              "-drive",
              "if=pflash,format=raw,unit=1,file=" + vars,
              "-drive",
              "if=virtio,format="
                  + r.format()
                  + ",snapshot=on,file="
                  + r.image().toAbsolutePath()));
    }
    return List.copyOf(cmd);
  }

  public BootResult boot(BootRequest r) {
    if (!Tools.onPath("qemu-system-x86_64")) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "test: qemu-system-x86_64 is not installed",
          "install qemu-system-x86: scripts/install-deps");
    }
    Ovmf fw = r.iso() ? null : Ovmf.find();
    Path vars = null;
    try {
      Files.createDirectories(r.work());
      Files.createDirectories(r.serialLog().toAbsolutePath().getParent());
      Files.deleteIfExists(r.serialLog());
      Files.createFile(r.serialLog());
      if (fw != null) {
        vars = Files.createTempFile(r.work(), "OVMF_VARS-", ".fd");
        Files.copy(fw.varsTemplate(), vars, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "test: " + r.work() + ": " + e, null, e);
    }
    List<String> cmd = command(r, fw, vars);
    long start = System.nanoTime();
    Process qemu = null;
    try {
      Files.writeString(
          r.log(),
          "==> " + String.join(" ", cmd) + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      qemu =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(r.log().toFile()))
              .start();
      long deadline = start + r.timeout().toNanos();
      long offset = 0;
      StringBuilder partial = new StringBuilder();
      while (true) {
        offset = read(r.serialLog(), offset, partial);
        if (holds(partial, r.marker())) {
          return new BootResult(true, seconds(start), Optional.empty(), r.serialLog());
        }
        if (!qemu.isAlive()) {
          offset = read(r.serialLog(), offset, partial);
          if (holds(partial, r.marker())) {
            return new BootResult(true, seconds(start), Optional.empty(), r.serialLog());
          }
          return new BootResult(
              false,
              seconds(start),
              Optional.of(
                  "QEMU exited "
                      + qemu.exitValue()
                      + " before the marker '"
                      + r.marker()
                      + "' was printed"),
              r.serialLog());
        }
        if (System.nanoTime() > deadline) {
          return new BootResult(
              false,
              seconds(start),
              Optional.of(
                  "no line with the marker '"
                      + r.marker()
                      + "' on the serial console within "
                      + r.timeout().toSeconds()
                      + " s"),
              r.serialLog());
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED, "test: cannot run qemu-system-x86_64: " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.COMPOSE_FAILED, "test: interrupted while booting");
    } finally {
      if (qemu != null) {
        stop(qemu);
      }
      try {
        if (vars != null) {
          Files.deleteIfExists(vars);
        }
      } catch (IOException e) {
        // scratch; the compose's work folder goes anyway
      }
    }
  }

  /** The machine has done its job once the marker is out: no clean shutdown needed. */
  private static void stop(Process qemu) {
    qemu.destroy();
    try {
      if (!qemu.waitFor(10, TimeUnit.SECONDS)) {
        qemu.destroyForcibly();
        qemu.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      qemu.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Appends what the serial log grew by since {@code offset}; returns the new offset. */
  private static long read(Path serial, long offset, StringBuilder text) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(serial.toFile(), "r")) {
      long len = f.length();
      if (len <= offset) {
        return offset;
      }
      byte[] b = new byte[(int) Math.min(len - offset, 1 << 20)];
      f.seek(offset);
      f.readFully(b);
      text.append(new String(b, StandardCharsets.ISO_8859_1));
      return offset + b.length;
    }
  }

  /** Whether a complete line (the console ends lines with CR LF) holds the marker. */
  static boolean holds(CharSequence console, String marker) {
    String s = console.toString();
    int at = s.indexOf(marker);
    return at >= 0 && s.indexOf('\n', at) >= 0;
  }

  private static double seconds(long start) {
    return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
  }

  static String format(double s) {
    return String.format(Locale.ROOT, "%.1f", s);
  }
}
