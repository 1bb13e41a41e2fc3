package org.debforge.debmock.plugin.runtime;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.debforge.debmock.plugin.api.HookStage;

/**
 * The one place that lists deb-mock's own plugins in the order their hooks run, as Mock's {@code
 * PLUGIN_LIST} does: caches and mounts first (the root must exist before anything looks into it),
 * then loggers, then post-processing. Names here may not be shipped yet; the order is fixed now so
 * adding a plugin never reorders existing ones. Third-party plugins run after these, by name.
 */
public final class KnownPlugins {
  /**
   * Mock's PLUGIN_LIST, with apt in place of yum/dnf and Debian's confinement in place of SELinux.
   */
  public static final List<String> ORDER =
      List.of(
          "tmpfs",
          "root_cache",
          "deps_cache",
          "apt_cache",
          "mount",
          "bind_mount",
          "ccache",
          "apparmor",
          "package_state",
          "chroot_scan",
          "lvm_root",
          "compress_logs",
          "sign",
          "apt_request",
          "hw_info",
          "procenv",
          "debian_source",
          "buildroot_lock",
          "export_buildroot_image",
          "overlayfs",
          // QA after the build, cheapest first: a lintian finding shows before piuparts' minutes.
          "lintian",
          "piuparts",
          "autopkgtest");

  /**
   * Plugins that provide a stage whose operation exists only through a plugin, for the error when
   * none is enabled; kept here because such plugins may not be installed at all.
   */
  private static final Map<HookStage, List<String>> PROVIDER_HINTS = new EnumMap<>(HookStage.class);

  static {
    List<String> snapshots = List.of("overlayfs", "lvm_root");
    PROVIDER_HINTS.put(HookStage.MAKE_SNAPSHOT, snapshots);
    PROVIDER_HINTS.put(HookStage.LIST_SNAPSHOTS, snapshots);
    PROVIDER_HINTS.put(HookStage.REMOVE_SNAPSHOT, snapshots);
    PROVIDER_HINTS.put(HookStage.ROLLBACK_TO, snapshots);
    PROVIDER_HINTS.put(HookStage.MOUNT_ROOT, List.of("overlayfs", "lvm_root", "tmpfs"));
    PROVIDER_HINTS.put(HookStage.UMOUNT_ROOT, List.of("overlayfs", "lvm_root", "tmpfs"));
  }

  private KnownPlugins() {}

  /** Names of plugins known to provide {@code stage}, whether or not they are installed. */
  public static List<String> providerHints(HookStage stage) {
    return PROVIDER_HINTS.getOrDefault(stage, List.of());
  }

  /** Firing order: shipped plugins in {@link #ORDER}, then everything else by name. */
  public static final Comparator<String> FIRING_ORDER =
      Comparator.comparingInt(KnownPlugins::rank).thenComparing(Comparator.naturalOrder());

  private static int rank(String name) {
    int i = ORDER.indexOf(name);
    return i < 0 ? ORDER.size() : i;
  }
}
