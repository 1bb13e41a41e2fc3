package org.debforge.compose.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Runs a command with a root as {@code /} under bubblewrap: no network (a new network namespace
 * holds only a down loopback), its own pid, ipc and uts namespaces, fresh {@code /proc}, a {@code
 * /dev} of its own nodes and tmpfs {@code /tmp}, a few capabilities and an environment of a few
 * fixed variables, so that a tool run as root (a postprocess script, the root's dracut) sees the
 * root it changes and nothing of the host or the net.
 *
 * <p>The {@code /dev} nodes are made with mknod beside the root, because bwrap's {@code --dev}
 * binds the host's nodes, and a root process's chmod or chown of {@code /dev/null} there changes
 * the host's (found by trying it). The root itself is bound with {@code --bind}, and {@code /dev}
 * is a tmpfs, both of which bwrap mounts nodev, so a device node made in the sandbox cannot be
 * opened.
 */
public final class Sandbox {
  /** The only environment a sandboxed command gets (nothing of the caller's leaks in). */
  public static final Map<String, String> ENV = fixedEnv();

  /** Where a file handed to the command (a script) appears inside. */
  public static final String SCRIPT = "/run/debforge/script";

  public static final String HOSTNAME = "debforge-compose";

  /** What a tool changing files as root needs; nothing that reaches past the files. */
  public static final List<String> CAPS =
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

  private final List<String> caps;
  private final List<String> tmpfs;
  private final Map<String, String> env;

  /** The postprocess sandbox: {@link #CAPS}, {@link #ENV}, tmpfs {@code /tmp /run /dev/shm}. */
  public Sandbox() {
    this(CAPS, List.of(), ENV);
  }

  private Sandbox(List<String> caps, List<String> tmpfs, Map<String, String> env) {
    this.caps = List.copyOf(caps);
    this.tmpfs = List.copyOf(tmpfs);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /** This sandbox with more capabilities (each {@code CAP_NAME}); say why where it is called. */
  public Sandbox withCaps(String... more) {
    List<String> c = new ArrayList<>(caps);
    for (String cap : more) {
      if (!c.contains(cap)) {
        c.add(cap);
      }
    }
    return new Sandbox(c, tmpfs, env);
  }

  /** This sandbox with one more tmpfs folder (an absolute path inside the root). */
  public Sandbox withTmpfs(String path) {
    List<String> t = new ArrayList<>(tmpfs);
    t.add(path);
    return new Sandbox(caps, t, env);
  }

  /** This sandbox with one variable of its environment set (or replaced). */
  public Sandbox withEnv(String name, String value) {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put(name, value);
    return new Sandbox(caps, tmpfs, e);
  }

  /**
   * @param script a host file bound read-only at {@link #SCRIPT}, or null
   */
  public List<String> command(Path root, Path dev, Path script, List<String> argv) {
    List<String> c = new ArrayList<>();
    c.add("bwrap");
    c.add("--bind");
    c.add(root.toAbsolutePath().toString());
    c.add("/");
    // /dev is a tmpfs (bwrap mounts it nodev) with each of our nodes bound onto it, so only those
    // nodes open: a node a process with CAP_MKNOD makes there (a disk's) cannot reach the host's
    // device. Not --remount-ro of a bound folder: bwrap remounts it nodev, and /dev/null fails.
    c.addAll(List.of("--proc", "/proc", "--tmpfs", "/dev"));
    for (String[] d : DEVICES) {
      c.addAll(
          List.of("--dev-bind", dev.resolve(d[0]).toAbsolutePath().toString(), "/dev/" + d[0]));
    }
    c.addAll(List.of("--dir", "/dev/pts", "--tmpfs", "/dev/shm"));
    for (String fd : List.of("fd", "stdin", "stdout", "stderr")) {
      String to =
          fd.equals("fd")
              ? "/proc/self/fd"
              : "/proc/self/fd/" + List.of("stdin", "stdout", "stderr").indexOf(fd);
      c.addAll(List.of("--symlink", to, "/dev/" + fd));
    }
    c.addAll(List.of("--tmpfs", "/tmp", "--tmpfs", "/run"));
    for (String t : tmpfs) {
      c.addAll(List.of("--tmpfs", t));
    }
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
    for (String cap : caps) {
      c.addAll(List.of("--cap-add", cap));
    }
    env.forEach((k, v) -> c.addAll(List.of("--setenv", k, v)));
    c.add("--");
    c.addAll(argv);
    return c;
  }

  /** Runs {@code argv} in the root, its output to the log; returns the exit status. */
  public int run(Path root, List<String> argv, ToolLog log) {
    return run(root, null, argv, log);
  }

  public int run(Path root, Path script, List<String> argv, ToolLog log) {
    if (!Tools.onPath("bwrap")) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          "bwrap is not installed; " + argv.get(0) + " runs only in its sandbox",
          "install bubblewrap (scripts/install-deps)");
    }
    Path dev = makeDev(root, log);
    try {
      // bwrap's own environment: it passes nothing on after --clearenv anyway.
      return log.run(
          command(root, dev, script, argv), Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
    } finally {
      delete(dev);
    }
  }

  /**
   * A {@code /dev} of fresh nodes beside the root (on its file system: a tmpfs {@code /tmp} may be
   * mounted nodev, where device nodes do not open).
   */
  private static Path makeDev(Path root, ToolLog log) {
    Path dev;
    try {
      dev = Files.createTempDirectory(root.toAbsolutePath().getParent(), ".sandbox-dev-");
      Files.setPosixFilePermissions(dev, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (String[] d : DEVICES) {
        List<String> mknod =
            List.of("mknod", "-m", "666", dev.resolve(d[0]).toString(), "c", d[1], d[2]);
        if (log.run(mknod, null) != 0) {
          delete(dev);
          throw new DebforgeException(
              ErrorKind.TOOL_FAILED,
              "cannot make the sandbox's /dev/" + d[0] + " in " + dev + "; see " + log.file(),
              "the sandbox needs root and a file system beside the root that allows devices");
        }
      }
      return dev;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot make the sandbox's /dev beside " + root + ": " + e, null, e);
    }
  }

  /** Deletes the made nodes and their folder. */
  private static void delete(Path dev) {
    if (!Files.exists(dev, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dev)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot remove the sandbox's /dev " + dev + ": " + e, null, e);
    }
  }

  private static Map<String, String> fixedEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("HOME", "/root");
    env.put("LANG", "C.UTF-8");
    env.put("DEBIAN_FRONTEND", "noninteractive");
    env.put("TMPDIR", "/tmp");
    return Collections.unmodifiableMap(env);
  }
}
