package org.debforge.compose.ostree;

import java.util.List;
import java.util.Map;

/**
 * Where things live in an OSTree tree: one list read by the converter that makes the tree and by
 * the lint that checks it, so the two cannot disagree.
 */
final class TreeLayout {
  private TreeLayout() {}

  /** Where the dpkg database moves: it describes {@code /usr}, so it is versioned with it. */
  static final String DPKG = "usr/lib/sysimage/dpkg";

  /** The link from dpkg's own path to it, as tmpfiles.d writes it (relative to /var/lib). */
  static final String DPKG_LINK_TARGET = "../../usr/lib/sysimage/dpkg";

  /** The tmpfiles.d file that recreates {@code /var}. */
  static final String TMPFILES = "usr/lib/tmpfiles.d/debforge-var.conf";

  /** Where files found in /var are kept, copied back at boot by tmpfiles.d's {@code C} lines. */
  static final String FACTORY = "usr/share/factory";

  /** The dracut settings an OSTree boot needs, kept in the tree for later initramfs rebuilds. */
  static final String DRACUT_CONF = "usr/lib/dracut/dracut.conf.d/50-debforge-ostree.conf";

  /**
   * Writable places that live in {@code /var} of the deployment (the only persistent, writable
   * folder besides /etc): the top-level path and the link target ostree's own layout uses.
   */
  static final Map<String, String> VAR_LINKS =
      Map.of(
          "home", "var/home",
          "root", "var/roothome",
          "opt", "var/opt",
          "srv", "var/srv",
          "mnt", "var/mnt",
          "usr/local", "../var/usrlocal");

  /** API file systems and scratch: mounted at boot, so the commit holds them empty. */
  static final Map<String, Integer> EMPTY_DIRS =
      Map.of("dev", 0755, "proc", 0555, "sys", 0555, "run", 0755, "tmp", 01777);

  /** Merged-usr: these are links into /usr when they exist. */
  static final List<String> MERGED_USR = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

  /**
   * Regular files under these /var folders are build leftovers (logs, apt's downloads and package
   * caches), not state to ship. Not all of /var/cache: debconf keeps its database there.
   */
  static final List<String> VAR_DROPPED = List.of("var/log/", "var/cache/apt/");
}
