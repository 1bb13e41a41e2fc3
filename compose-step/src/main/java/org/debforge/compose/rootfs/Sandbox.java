package org.debforge.compose.rootfs;

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

  /**
   * @param script a host file bound read-only at {@link #SCRIPT}, or null
   */
  List<String> command(Path root, Path script, List<String> argv) {
    List<String> c = new ArrayList<>();
    c.add("bwrap");
    c.add("--bind");
    c.add(root.toAbsolutePath().toString());
    c.add("/");
    c.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/run"));
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
            "--clearenv"));
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
    // bwrap itself gets a minimal environment too: it passes nothing on after --clearenv anyway.
    return log.run(command(root, script, argv), Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
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
