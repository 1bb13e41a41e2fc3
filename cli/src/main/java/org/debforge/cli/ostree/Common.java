package org.debforge.cli.ostree;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.fs.XdgDirs;
import org.debforge.ostree.deploy.AptOstree;
import org.debforge.ostree.layer.AptSource;
import picocli.CommandLine.Option;

/** Options every apt-ostree command shares, and how a transaction's outcome becomes an exit. */
final class Common {
  private Common() {}

  static final String DEBIAN_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

  /** {@code --sysroot}: the physical root; {@code /} is the booted machine. */
  static final class SysrootOption {
    @Option(
        names = "--sysroot",
        paramLabel = "PATH",
        defaultValue = "/",
        description = "The physical root to work on (default: /, the booted system).")
    Path sysroot;
  }

  /** Where packages come from when layering. */
  static final class LayerOptions {
    @Option(
        names = "--source",
        paramLabel = "'URI SUITE COMPONENT...'",
        description =
            "An APT source to layer from (repeatable). Default: the sources of the base commit's"
                + " compose lock (debforge.lock).")
    List<String> sources = new ArrayList<>();

    @Option(
        names = "--keyring",
        paramLabel = "FILE",
        defaultValue = DEBIAN_KEYRING,
        description =
            "Keyring the sources' Release files are checked with (default: ${DEFAULT-VALUE}).")
    Path keyring;

    @Option(
        names = {"-C", "--cache-only"},
        description = "Do not download: use only the package indexes and .debs already cached.")
    boolean cacheOnly;
  }

  /** rpm-ostree's options of every command that changes the deployments. */
  static final class ChangeOptions {
    @Option(
        names = {"-r", "--reboot"},
        description = "Reboot into the new deployment (booted system only).")
    boolean reboot;

    @Option(
        names = "--unchanged-exit-77",
        description = "Exit 77 instead of 0 when nothing changed (no new deployment).")
    boolean unchanged77;
  }

  /** For commands that only read (status, kargs without edits): no transaction log. */
  static AptOstree reader(SysrootOption s) {
    return new AptOstree(
        new AptOstree.Settings(
            s.sysroot,
            XdgDirs.fromEnvironment().cacheHome().resolve("debforge/apt-ostree"),
            Path.of(DEBIAN_KEYRING),
            List.of(),
            true,
            null));
  }

  /** For a transaction: its log starts afresh, so it holds this command's tool runs only. */
  static AptOstree engine(SysrootOption s, LayerOptions l) {
    Path cache = XdgDirs.fromEnvironment().cacheHome().resolve("debforge/apt-ostree");
    Path log = cache.resolve("transaction.log");
    try {
      Files.createDirectories(cache);
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, cache + ": " + e.getMessage(), null, e);
    }
    List<AptSource> sources =
        l == null ? List.of() : l.sources.stream().map(AptSource::parse).toList();
    return new AptOstree(
        new AptOstree.Settings(
            s.sysroot,
            cache,
            l == null ? Path.of(DEBIAN_KEYRING) : l.keyring,
            sources,
            l != null && l.cacheOnly,
            log));
  }

  /** Prints the outcome; reboots when asked and something changed; 77 when asked and unchanged. */
  static int finish(AptOstree.Outcome o, ChangeOptions c, SysrootOption s, PrintWriter out) {
    if (c.reboot && !s.sysroot.equals(Path.of("/"))) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "--reboot works on the booted system only, not --sysroot " + s.sysroot,
          "boot the sysroot's image to use its new default deployment");
    }
    if (!o.message().isEmpty()) {
      out.println(o.message());
    }
    if (!o.changed()) {
      out.flush();
      return c.unchanged77 ? ExitCodes.UNCHANGED : ExitCodes.OK;
    }
    if (c.reboot) {
      out.println("Rebooting into the new deployment.");
      out.flush();
      ProcessBuilder pb = new ProcessBuilder("systemctl", "reboot").inheritIO();
      try {
        return pb.start().waitFor() == 0 ? ExitCodes.OK : ExitCodes.TOOL_FAILED;
      } catch (IOException e) {
        throw new DebforgeException(ErrorKind.TOOL_FAILED, "systemctl reboot: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.TOOL_FAILED;
      }
    }
    if (s.sysroot.equals(Path.of("/"))) {
      out.println("Run \"systemctl reboot\" to start a reboot");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
