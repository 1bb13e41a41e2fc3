package org.debforge.compose.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Runs a command with a root as {@code /} under bubblewrap: no network (a new network namespace
 * holds only a down loopback), its own pid, ipc and uts namespaces, fresh {@code /proc}, {@code
 * /dev} and {@code /tmp}, and an environment of a few fixed variables, so that a postprocess script
 * sees the root it changes and nothing of the host or the net.
 */
final class Sandbox {
  /** The only environment a sandboxed command gets (nothing of the caller's leaks in). */
  static final Map<String, String> ENV = fixedEnv();

  /** Where a file handed to the command (a script) appears inside. */
  static final String SCRIPT = "/run/debforge/script";

  static final String HOSTNAME = "debforge-compose";

  /** What a script changing files as root needs; nothing that reaches past the files. */
  static final List<String> CAPS =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_DAC_READ_SEARCH",
          "CAP_FOWNER",
          "CAP_FSETID",
          "CAP_KILL",
          "CAP_SETUID",
          "CAP_SETGID",
          "CAP_SETFCAP",
          "CAP_SYS_CHROOT");

  /** The sandbox's character devices: name, major, minor (as devices.txt numbers them). */
  private static final List<String[]> DEVICES =
      List.of(
          new String[] {"null", "1", "3"},
          new String[] {"zero", "1", "5"},
          new String[] {"full", "1", "7"},
          new String[] {"random", "1", "8"},
          new String[] {"urandom", "1", "9"},
          new String[] {"tty", "5", "0"});

  /**
   * @param script a host file bound read-only at {@link #SCRIPT}, or null
   */
  List<String> command(Path root, Path dev, Path script, List<String> argv) {
    List<String> c = new ArrayList<>();
    c.add("bwrap");
    c.add("--bind");
    c.add(root.toAbsolutePath().toString());
    c.add("/");
    c.addAll(List.of("--proc", "/proc", "--dev-bind", dev.toAbsolutePath().toString(), "/dev"));
    c.addAll(List.of("--tmpfs", "/dev/shm", "--tmpfs", "/tmp", "--tmpfs", "/run"));
    if (script != null) {
      c.addAll(List.of("--ro-bind", script.toAbsolutePath().toString(), SCRIPT));
    }
    c.addAll(
        List.of(
            "--unshare-net",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--hostname",
            HOSTNAME,
            "--die-with-parent",
            "--new-session",
            "--chdir",
            "/",
            "--clearenv",
            "--cap-drop",
            "ALL"));
    for (String cap : CAPS) {
      c.addAll(List.of("--cap-add", cap));
    }
    ENV.forEach((k, v) -> c.addAll(List.of("--setenv", k, v)));
    c.add("--");
    c.addAll(argv);
    return c;
  }

  /** Runs {@code argv} in the root, its output to the log; returns the exit status. */
  int run(Path root, List<String> argv, PhaseLog log) {
    return run(root, null, argv, log);
  }

  int run(Path root, Path script, List<String> argv, PhaseLog log) {
    if (!Tools.onPath("bwrap")) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "rootfs: bwrap is not installed; postprocess scripts run only in its sandbox",
          "install bubblewrap (scripts/install-deps)");
    }
    Path dev = makeDev(root, log);
    try {
      // bwrap's own environment: it passes nothing on after --clearenv anyway.
      return log.run(
          command(root, dev, script, argv), Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
    } finally {
      RootfsBuilder.deleteTree(dev);
    }
  }

  /**
   * A {@code /dev} of fresh nodes beside the root (on its file system: a tmpfs {@code /tmp} may be
   * mounted nodev, where device nodes do not open).
   */
  private static Path makeDev(Path root, PhaseLog log) {
    Path dev;
    try {
      dev = Files.createTempDirectory(root.toAbsolutePath().getParent(), ".sandbox-dev-");
      Files.setPosixFilePermissions(dev, FileInstaller.permissions(0755));
      for (String[] d : DEVICES) {
        List<String> mknod =
            List.of("mknod", "-m", "666", dev.resolve(d[0]).toString(), "c", d[1], d[2]);
        if (log.run(mknod, null) != 0) {
          RootfsBuilder.deleteTree(dev);
          throw new DebforgeException(
              ErrorKind.TOOL_FAILED,
              "rootfs: cannot make the sandbox's /dev/" + d[0] + "; see " + log.file(),
              "the sandbox needs root and a file system beside the root that allows devices");
        }
      }
      Files.createDirectory(dev.resolve("shm"));
      Files.createDirectory(dev.resolve("pts"));
      Files.createSymbolicLink(dev.resolve("fd"), Path.of("/proc/self/fd"));
      Files.createSymbolicLink(dev.resolve("stdin"), Path.of("/proc/self/fd/0"));
      Files.createSymbolicLink(dev.resolve("stdout"), Path.of("/proc/self/fd/1"));
      Files.createSymbolicLink(dev.resolve("stderr"), Path.of("/proc/self/fd/2"));
      return dev;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          "rootfs: cannot make the sandbox's /dev beside " + root + ": " + e,
          null,
          e);
    }
  }

  private static Map<String, String> fixedEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("HOME", "/root");
    env.put("LANG", "C.UTF-8");
    env.put("DEBIAN_FRONTEND", "noninteractive");
    env.put("TMPDIR", "/tmp");
    return java.util.Collections.unmodifiableMap(env);
  }
}
