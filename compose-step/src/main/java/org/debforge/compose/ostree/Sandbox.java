package org.debforge.compose.ostree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bwrap with the tree as {@code /}, for the root's own tools (dracut): fresh {@code /proc}, {@code
 * /dev}, tmpfs {@code /tmp}, {@code /run} and {@code /var/tmp} (dracut's scratch, never written
 * into the tree), no network.
 */
final class Sandbox {
  private Sandbox() {}

  static List<String> command(Path root, List<String> argv) {
    List<String> c = new ArrayList<>();
    c.addAll(List.of("bwrap", "--bind", root.toAbsolutePath().toString(), "/"));
    c.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    c.addAll(List.of("--tmpfs", "/tmp", "--tmpfs", "/run", "--tmpfs", "/var/tmp"));
    c.addAll(List.of("--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts"));
    c.addAll(List.of("--die-with-parent", "--new-session", "--chdir", "/", "--clearenv"));
    c.addAll(List.of("--setenv", "PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
    c.addAll(List.of("--setenv", "LANG", "C.UTF-8", "--setenv", "TMPDIR", "/var/tmp", "--"));
    c.addAll(argv);
    return c;
  }
}
