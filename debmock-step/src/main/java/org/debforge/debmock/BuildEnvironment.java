package org.debforge.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.chroot.BaseRootCache;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.chroot.RootCommand;
import org.debforge.debmock.chroot.RootLog;
import org.debforge.debmock.plugin.runtime.HookDispatcher;
import org.debforge.debmock.plugins.apparmor.AppArmor;
import org.debforge.debmock.plugins.apparmor.AppArmorPlugin;
import org.debforge.debmock.plugins.bindmount.BindMountPlugin;
import org.debforge.debmock.plugins.bindmount.MountTarget;
import org.debforge.debmock.plugins.ccache.CcachePlugin;
import org.debforge.debmock.plugins.mount.MountPlugin;
import org.debforge.debmock.plugins.procenv.ProcenvPlugin;

/**
 * The engine's side of the build environment plugins, whose work no hook can do because it changes
 * the root's mounts or the build command: {@code bind_mount}, {@code mount}, {@code ccache}, {@code
 * procenv}, {@code apparmor}. Each reads its plugin's options only when that plugin is enabled.
 */
final class BuildEnvironment {
  private static final String PROCENV_IN_ROOT = "/build/.deb-mock-procenv.log";

  private final HookDispatcher dispatcher;
  private final DebMock mock;

  BuildEnvironment(HookDispatcher dispatcher, DebMock mock) {
    this.dispatcher = dispatcher;
    this.mock = mock;
  }

  private <O> O options(String plugin, Class<O> type) {
    return dispatcher.enabledOptions(plugin).map(type::cast).orElse(null);
  }

  /** Adds the binds and mounts of bind_mount, mount and ccache to a freshly opened root. */
  void mount(BuildRoot root, RootLog log) {
    List<Path> layers = new java.util.ArrayList<>(List.of(root.upper()));
    layers.addAll(root.lowers());
    BindMountPlugin.Options binds = options(BindMountPlugin.NAME, BindMountPlugin.Options.class);
    if (binds != null) {
      for (int i = 0; i < binds.dirs().size(); i++) {
        BindMountPlugin.Dir d = binds.dirs().get(i);
        String key = "plugin_conf.bind_mount.dirs[" + i + "]";
        MountTarget.checkNoSymlink(d.target(), layers, key);
        if (!Files.exists(Path.of(d.host()))) {
          throw new DebforgeException(
              ErrorKind.CONFIG,
              key + ": host path " + d.host() + " does not exist",
              "create it, or fix the path");
        }
        root.bind(Path.of(d.host()), d.target(), d.readOnly());
        log.line("bind_mount: " + d.host() + " at " + d.target() + (d.readOnly() ? " (ro)" : ""));
      }
    }
    MountPlugin.Options mounts = options(MountPlugin.NAME, MountPlugin.Options.class);
    if (mounts != null) {
      for (int i = 0; i < mounts.mounts().size(); i++) {
        MountPlugin.Spec m = mounts.mounts().get(i);
        MountTarget.checkNoSymlink(m.target(), layers, "plugin_conf.mount.mounts[" + i + "]");
        root.mount(m.type(), m.source(), m.target(), m.options());
        log.line("mount: " + m.type() + " " + m.source() + " at " + m.target());
      }
    }
    CcachePlugin.Options ccache = options(CcachePlugin.NAME, CcachePlugin.Options.class);
    if (ccache != null) {
      Path dir = ccacheDir(ccache);
      try {
        Files.createDirectories(dir);
        Files.writeString(
            dir.resolve("ccache.conf"),
            "max_size = "
                + ccache.ccacheMaxSize()
                + "\ncompression = "
                + ccache.compress()
                + "\n# the build path differs per build; hash relative paths\nhash_dir = false\n");
        Files.setAttribute(dir, "unix:uid", BaseRootCache.BUILD_UID);
        Files.setAttribute(dir, "unix:gid", BaseRootCache.BUILD_UID);
      } catch (IOException e) {
        throw new DebforgeException(
            ErrorKind.CHROOT_SETUP, "ccache: cannot prepare " + dir + ": " + e, null, e);
      }
      root.bind(dir, CcachePlugin.IN_ROOT);
    }
    AppArmorPlugin.Options apparmor = options(AppArmorPlugin.NAME, AppArmorPlugin.Options.class);
    if (apparmor != null) {
      root.confine(AppArmor.host().load(apparmor, root.dir()));
      log.line("apparmor: build user's commands confined by profile " + apparmor.profile());
    }
  }

  Path ccacheDir(CcachePlugin.Options o) {
    return o.dir().isEmpty()
        ? mock.options().cacheDir().resolve("ccache").resolve(mock.config().name())
        : Path.of(o.dir());
  }

  /** After the build dependencies: ccache into the root when it lacks it. */
  void afterDeps(BuildRoot root, RootLog log) {
    if (options(CcachePlugin.NAME, CcachePlugin.Options.class) == null
        || Files.exists(root.hostPath("/usr/bin/ccache"))) {
      return;
    }
    log.line("ccache: installing ccache in the root");
    RootCommand install =
        new RootCommand(
            List.of("apt-get", "install", "-y", "--no-install-recommends", "ccache"),
            false,
            "/",
            Map.of(),
            true);
    // The shared .deb archive is bound in: take its lock as every apt install does.
    org.debforge.debmock.cache.AptArchive archive = mock.aptArchive();
    int rc;
    try {
      rc = archive == null ? root.run(install, log) : archive.locked(() -> root.run(install, log));
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP, "apt_cache: cannot lock " + archive.dir(), null, e);
    }
    if (rc != 0) {
      throw new DebforgeException(
          ErrorKind.DEPENDENCY_RESOLUTION,
          "ccache: apt-get install ccache failed (exit " + rc + ")",
          "read root.log; or --disable-plugin=ccache");
    }
  }

  /** Variables for dpkg-buildpackage. */
  Map<String, String> buildVariables(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>(env);
    if (options(CcachePlugin.NAME, CcachePlugin.Options.class) != null) {
      out.put("CCACHE_DIR", CcachePlugin.IN_ROOT);
      out.put(
          "PATH", "/usr/lib/ccache:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
    return out;
  }

  /** Shell run by the build's own shell right before it execs dpkg-buildpackage. */
  String buildPrelude() {
    if (options(ProcenvPlugin.NAME, ProcenvPlugin.Options.class) == null) {
      return "";
    }
    return "procenv_log=" + PROCENV_IN_ROOT + "\n" + ProcenvPlugin.script();
  }

  /** After the build: procenv's report into the result directory. */
  void afterBuild(BuildRoot root) {
    ProcenvPlugin.Options procenv = options(ProcenvPlugin.NAME, ProcenvPlugin.Options.class);
    if (procenv == null) {
      return;
    }
    Path report = root.upper().resolve(PROCENV_IN_ROOT.substring(1));
    try {
      if (Files.isRegularFile(report, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Path to = mock.options().resultDir().resolve(procenv.logName());
        Path tmp = to.resolveSibling("." + procenv.logName() + ".tmp");
        Files.copy(report, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(report);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "procenv: cannot copy the report: " + e.getMessage(), null, e);
    }
  }
}
