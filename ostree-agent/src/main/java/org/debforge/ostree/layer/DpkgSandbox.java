package org.debforge.ostree.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.ostree.tool.Tool;

/**
 * Runs dpkg with a hard-link checkout of the base as {@code /}, without ever writing into one of
 * the checkout's files. Every regular file of the checkout is a hard link to an object of the
 * repository, so a write in place (a maintainer script appending to a file, a tool truncating one)
 * would change the object and corrupt every commit holding it. dpkg itself replaces files by
 * rename, but its maintainer scripts promise nothing. So the checkout is only the lower layer of an
 * overlay mount: any write copies the file up to a new inode in the upper folder first, and
 * whatever dpkg and its scripts change ends up there, where {@link UpperDir} moves it into the
 * checkout by rename.
 *
 * <p>The overlay is mounted in a mount namespace of its own ({@code unshare --mount}), because
 * Debian 12's bwrap 0.8 has no overlay option; bwrap then runs dpkg in it with no network, its own
 * pid, ipc and uts namespaces, fresh /proc, a /dev of its own nodes, tmpfs /tmp and /run, a fixed
 * environment and a small set of capabilities (the compose's sandbox settings), and a {@code
 * policy-rc.d} that refuses every service start: nothing of the machine runs during layering.
 */
final class DpkgSandbox {
  static final String POLICY_RC_D = "usr/sbin/policy-rc.d";
  static final String DEBS = "/run/debforge/debs";

  private static final List<String> CAPS =
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
          "CAP_SYS_CHROOT",
          "CAP_AUDIT_WRITE");

  private static final String[][] DEVICES = {
    {"null", "1", "3"}, {"zero", "1", "5"}, {"full", "1", "7"},
    {"random", "1", "8"}, {"urandom", "1", "9"}, {"tty", "5", "0"}
  };

  private final Path scratch;
  private final Tool tool;

  /**
   * @param scratch a folder on the checkout's file system for upper, work, merged and /dev
   */
  DpkgSandbox(Path scratch, Tool tool) {
    this.scratch = scratch;
    this.tool = tool;
  }

  Path upper() {
    return scratch.resolve("upper");
  }

  /**
   * Runs each dpkg command in turn in one overlay of {@code lower}.
   *
   * @param debs a host folder bound read-only at {@link #DEBS}
   */
  void run(Path lower, Path debs, List<List<String>> dpkgCommands) {
    Path work = scratch.resolve("work");
    Path merged = scratch.resolve("merged");
    Path dev = scratch.resolve("dev");
    Path policy = scratch.resolve("policy-rc.d");
    try {
      for (Path p : List.of(upper(), work, merged, dev)) {
        Files.createDirectories(p);
      }
      // invoke-rc.d asks policy-rc.d; 101 is "action forbidden by policy".
      Files.writeString(
          policy, "#!/bin/sh\n# apt-ostree: no service starts while layering\nexit 101\n");
      Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, scratch + ": " + e.getMessage(), null, e);
    }
    for (String[] d : DEVICES) {
      tool.check(
          List.of("mknod", "-m", "666", dev.resolve(d[0]).toString(), "c", d[1], d[2]),
          "make the sandbox's /dev/" + d[0]);
    }
    for (List<String> dpkg : dpkgCommands) {
      List<String> c = new ArrayList<>();
      c.addAll(List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c"));
      // The paths come in as arguments, never spliced into the script.
      c.add(
          "mount -t overlay overlay -o \"lowerdir=$1,upperdir=$2,workdir=$3,index=off,"
              + "redirect_dir=off,metacopy=off\" \"$4\" && shift 4 && exec \"$@\"");
      c.add("sh");
      c.addAll(List.of(lower.toString(), upper().toString(), work.toString(), merged.toString()));
      c.addAll(bwrap(merged, dev, debs, policy));
      c.addAll(dpkg);
      Tool.Result r = tool.run(c);
      if (r.exit() != 0) {
        throw new DebforgeException(
            ErrorKind.TOOL_FAILED,
            "dpkg failed in the layer ("
                + String.join(" ", dpkg)
                + "), exit "
                + r.exit()
                + ":\n  "
                + String.join("\n  ", tail(r.stderr() + r.stdout())),
            "the deployment is unchanged; the package's maintainer script or dependencies are"
                + " at fault");
      }
      tool.line(r.stdout().stripTrailing());
    }
  }

  private static List<String> tail(String text) {
    List<String> l = text.strip().lines().toList();
    return l.subList(Math.max(0, l.size() - 10), l.size());
  }

  private static List<String> bwrap(Path root, Path dev, Path debs, Path policy) {
    List<String> c = new ArrayList<>(List.of("bwrap", "--bind", root.toString(), "/"));
    c.addAll(List.of("--proc", "/proc", "--tmpfs", "/dev"));
    for (String[] d : DEVICES) {
      c.addAll(List.of("--dev-bind", dev.resolve(d[0]).toString(), "/dev/" + d[0]));
    }
    c.addAll(List.of("--dir", "/dev/pts", "--tmpfs", "/dev/shm"));
    c.addAll(List.of("--symlink", "/proc/self/fd", "/dev/fd"));
    c.addAll(List.of("--tmpfs", "/tmp", "--tmpfs", "/run"));
    c.addAll(List.of("--ro-bind", debs.toString(), DEBS));
    c.addAll(List.of("--ro-bind", policy.toString(), "/" + POLICY_RC_D));
    c.addAll(
        List.of(
            "--unshare-net",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--hostname",
            "apt-ostree",
            "--die-with-parent",
            "--new-session",
            "--chdir",
            "/",
            "--clearenv",
            "--setenv",
            "PATH",
            "/usr/sbin:/usr/bin:/sbin:/bin",
            "--setenv",
            "HOME",
            "/root",
            "--setenv",
            "LANG",
            "C.UTF-8",
            "--setenv",
            "DEBIAN_FRONTEND",
            "noninteractive",
            "--setenv",
            "TMPDIR",
            "/tmp",
            "--cap-drop",
            "ALL"));
    for (String cap : CAPS) {
      c.addAll(List.of("--cap-add", cap));
    }
    c.add("--");
    return c;
  }
}
