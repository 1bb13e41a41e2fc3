package org.debforge.compose.rootfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/**
 * What dpkg says is installed in a root, as {@code name version arch} lines (what {@code dpkg-query
 * -W -f='${Package} ${Version} ${Architecture}'} prints), and its comparison with the lock.
 */
final class InstalledSet {
  private InstalledSet() {}

  /** The packages dpkg's status in {@code root} lists; any not fully installed is named so. */
  static TreeSet<String> read(Path root) {
    Path status = root.resolve("var/lib/dpkg/status");
    if (!Files.isRegularFile(status)) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED, "rootfs: " + status + " is missing: dpkg installed nothing");
    }
    TreeSet<String> out = new TreeSet<>();
    for (Paragraph p : Deb822.read(status, Deb822.Options.CONTROL_FILE)) {
      String state = p.get("Status").orElse("").strip();
      if (state.endsWith(" not-installed") || state.endsWith(" config-files")) {
        continue; // known to dpkg but not on the system, as dpkg-query -W leaves them out
      }
      String line = line(p.require("Package"), p.value("Version"), p.value("Architecture"));
      out.add(state.equals("install ok installed") ? line : line + " (" + state + ")");
    }
    return out;
  }

  static TreeSet<String> of(List<LockedPackage> lock) {
    TreeSet<String> out = new TreeSet<>();
    for (LockedPackage p : lock) {
      out.add(line(p.name(), p.version(), p.arch()));
    }
    return out;
  }

  /** Throws COMPOSE_FAILED naming every package installed but not locked and locked but missing. */
  static void requireEqual(TreeSet<String> installed, TreeSet<String> locked, Path log) {
    TreeSet<String> extra = new TreeSet<>(installed);
    extra.removeAll(locked);
    TreeSet<String> missing = new TreeSet<>(locked);
    missing.removeAll(installed);
    if (extra.isEmpty() && missing.isEmpty()) {
      return;
    }
    StringBuilder m = new StringBuilder("rootfs: the installed packages differ from the lock");
    if (!extra.isEmpty()) {
      m.append("; installed but not in the lock: ").append(String.join(", ", extra));
    }
    if (!missing.isEmpty()) {
      m.append("; in the lock but not installed: ").append(String.join(", ", missing));
    }
    throw new DebforgeException(
        ErrorKind.COMPOSE_FAILED,
        m.append("; see ").append(log).toString(),
        "the compose repository must hold exactly the lock and the lock must be closed under"
            + " dependencies; rerun the gather and createrepo phases");
  }

  private static String line(String name, String version, String arch) {
    return name + " " + version + " " + arch;
  }
}
