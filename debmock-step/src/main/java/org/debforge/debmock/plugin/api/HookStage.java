package org.debforge.debmock.plugin.api;

import java.util.Locale;

/**
 * The named points of deb-mock's lifecycle where plugins run: Mock's full set, with apt in place of
 * yum/dnf ({@code preapt}/{@code postapt}). Names are Mock's, so Mock users find their way.
 */
public enum HookStage {
  CLEAN("the build root is about to be removed"),
  EARLYPREBUILD("before anything of the build happens, even before build dependencies"),
  INITFAILED("creating or preparing the root failed"),
  LIST_SNAPSHOTS("list snapshots of the root (--list-snapshots)", true),
  MAKE_SNAPSHOT("save the root as a named snapshot (--snapshot)", true),
  MOUNT_ROOT("mount the build root", false),
  UMOUNT_ROOT("unmount the build root", false),
  POSTBUILD("after dpkg-buildpackage finished, successful or not"),
  POSTCHROOT("after a command ran in the root (--chroot)"),
  POSTCLEAN("after the build root was removed"),
  POSTDEPS("after build dependencies were installed"),
  POSTINIT("after the root was created or taken from a cache"),
  POSTSHELL("after an interactive shell (--shell) exited"),
  POSTUPDATE("after the root's packages were updated (--update)"),
  POSTUMOUNT("after every mount of the root was released"),
  POSTAPT("after any apt operation in the root; context carries the packages"),
  PREBUILD("just before dpkg-buildpackage"),
  PRECHROOT("before a command runs in the root (--chroot)"),
  PREINIT("before the root is created or taken from a cache"),
  PRESHELL("before an interactive shell (--shell) starts"),
  PREAPT("before any apt operation in the root; context carries the packages"),
  PROCESS_LOGS("after the build, to post-process files in the log directory"),
  REMOVE_SNAPSHOT("remove a named snapshot (--remove-snapshot)", true),
  ROLLBACK_TO("restore the root from a named snapshot (--rollback-to)", true),
  SCRUB("remove cached data (--scrub)");

  private final String description;
  private final boolean requiresProvider;

  HookStage(String description) {
    this(description, false);
  }

  HookStage(String description, boolean requiresProvider) {
    this.description = description;
    this.requiresProvider = requiresProvider;
  }

  /** Mock's name for the hook: {@code postdeps}, {@code list_snapshots}. */
  public String hookName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  /**
   * Whether firing this hook with no plugin registered for it is an error: the snapshot hooks are
   * the whole implementation of their operations, so silence would be a lie.
   */
  public boolean requiresProvider() {
    return requiresProvider;
  }

  /** Looks a hook up by Mock's name; null when unknown. */
  public static HookStage byName(String name) {
    for (HookStage s : values()) {
      if (s.hookName().equalsIgnoreCase(name)) {
        return s;
      }
    }
    return null;
  }
}
