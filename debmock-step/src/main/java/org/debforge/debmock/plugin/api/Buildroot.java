package org.debforge.debmock.plugin.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What a plugin may do to the build root of the operation whose hook it runs in: deb-mock's
 * counterpart of the {@code buildroot} object Mock hands its plugins. Reach it with {@link
 * HookContext#buildroot()}.
 *
 * <p>Every command deb-mock runs in the root mounts the root afresh, inside private namespaces, so
 * mounts, layers and confinement added here apply from the next command on and never outlive it on
 * the host. Each method says from which hook on it may be used; used too early it throws {@link
 * IllegalStateException}. A request the engine refuses (a mount target through a symlink of the
 * root, apt failing) throws a {@link org.debforge.core.DebforgeException} that fails the operation
 * with its own kind, as if the engine itself had refused: let it propagate.
 */
public interface Buildroot {
  /** The unprivileged user (uid and gid) builds run as inside the root. */
  int buildUid();

  /**
   * deb-mock's cache directory on the host ({@code /var/cache/deb-mock} by default): keep what
   * outlives a build under it, in a directory named after the plugin.
   */
  Path cacheDir();

  /**
   * Whether the root is made fresh for this operation (a rebuild) rather than a session root kept
   * between commands ({@code --no-clean}, {@code --chroot}, {@code --install}...). Known from
   * {@code preinit} on.
   */
  boolean fresh();

  /** The build root's directory on the host; from {@code postinit} on. */
  Path dir();

  /** This root's own writable layer on the host: files put here appear in the root. */
  Path upper();

  /** The overlay's read-only lower layers, topmost first (stacked layers, then the base root). */
  List<Path> lowerDirs();

  /** The host path of {@code pathInRoot} as the root sees it: its own layer, else a lower one. */
  Path hostPath(String pathInRoot);

  /**
   * Puts a fresh root's directory (its own layer, work directory and {@code /build}) on a host
   * tmpfs of at most {@code maxBytes}, unmounted when the root is removed; with less {@code
   * MemAvailable} than {@code requiredRamBytes}, or when the mount fails, the root stays on disk
   * and root.log says why. Only at {@code preinit}, before the root exists; ignored for session
   * roots.
   */
  void mountRootDirAsTmpfs(long maxBytes, long requiredRamBytes);

  /**
   * Binds host path {@code host} at {@code target} in the root for every later command, read-only
   * if asked. From {@code postinit} on. Refused with a config error naming {@code origin} (e.g.
   * {@code plugin_conf.bind_mount.dirs[0]}) when {@code host} does not exist or {@code target}
   * passes through a symlink of the root, which could lead out of it.
   */
  void bindMount(Path host, String target, boolean readOnly, String origin);

  /**
   * Mounts a file system ({@code mount -t type -o options source target}) in the root for every
   * later command. From {@code postinit} on; targets are checked as for {@link #bindMount}.
   */
  void mount(String type, String source, String target, String options, String origin);

  /**
   * Stacks a read-only overlay layer (a directory tree, e.g. an upper layer saved by an earlier
   * build) over the current lower layers, from the next command on. From {@code postinit} on,
   * before anything in this root's own layer touched the dpkg database: the layer's dpkg status
   * replaces this layer's copy, so hooks reading {@link #upper()} see its packages.
   */
  void stackLayer(Path layer);

  /**
   * Runs every later command of the build user (dpkg-source, dpkg-buildpackage) under {@code
   * prefix}, e.g. {@code aa-exec -p PROFILE --}. From {@code postinit} on.
   */
  void confineBuildCommands(List<String> prefix);

  /** Sets a variable in dpkg-buildpackage's environment. Up to {@code prebuild}. */
  void setBuildEnv(String name, String value);

  /** Puts {@code dir} first in dpkg-buildpackage's {@code PATH}. Up to {@code prebuild}. */
  void prependPath(String dir);

  /**
   * Shell code the build's own shell runs just before it {@code exec}s dpkg-buildpackage, as the
   * build user, in the unpacked tree: what it sees is exactly dpkg-buildpackage's environment. Up
   * to {@code prebuild}; snippets run in the order they were added.
   */
  void addBuildPrelude(String shell);

  /**
   * Installs {@code packages} in the root now, with {@code apt-get install} (through the shared apt
   * archive and its lock when there is one). From {@code postinit} on. A failure is a dependency
   * error naming {@code requester} (your plugin's name).
   */
  void installPackages(String requester, List<String> packages);

  /**
   * Installs those of {@code packages} the root lacks right after a rebuild's build dependencies,
   * before {@code postdeps} (Mock's {@code preexisting_deps}): they stay out of a cached
   * build-dependency layer, whose key stays the package's own Build-Depends. From {@code preinit}
   * up to {@code earlyprebuild}; a failure is as for {@link #installPackages}.
   */
  void installAfterBuildDeps(String requester, List<String> packages);

  /**
   * A host directory shared by builds (made if missing), with a lock for changes that must not
   * interleave with another deb-mock's. Usually under {@link #cacheDir()}. Any hook.
   */
  SharedCacheDir sharedCacheDir(Path dir);

  /**
   * Copies the regular file {@code pathInRoot} (never through a symlink) into the result directory
   * as {@code name}, whole or not at all, once dpkg-buildpackage has exited (whether it succeeded
   * or not), before {@code postbuild}; asked at {@code postbuild} or later, at once. Nothing
   * happens when there is no such file. With {@code move}, the file is then removed from the root's
   * own layer (a report written only to be collected, which a later scan should not find). From
   * {@code postinit} on.
   */
  void collectFile(String pathInRoot, String name, boolean move);

  /**
   * Records what a cache did in result.json's {@code chroot.caches}, under {@code key} (your
   * plugin's name). {@code value} is a string, number, boolean, list or map; a map may be filled in
   * later during the build. Any hook of a rebuild.
   */
  void reportCache(String key, Object value);

  /** Appends a line to root.log (and shows it as progress when asked). */
  void log(String line);

  /**
   * Records a QA plugin's verdict in result.json's {@code qa} section; one that did not pass makes
   * a build that succeeded {@code unstable} or {@code failed} ({@link QaReport#onFailure}), after
   * the packages were collected. Any hook of a rebuild; a second report of the same plugin replaces
   * the first.
   */
  void reportQa(QaReport report);

  /**
   * A fresh overlay root over the cached base root this build started from (not its build
   * dependencies, not its own layer), for checks after the build such as piuparts or autopkgtest.
   * Its directory sits beside the build root's and is removed by {@link ScratchRoot#close}, or with
   * the stale roots of a killed deb-mock. From {@code postinit} on; {@code requester} (your
   * plugin's name) names it.
   */
  ScratchRoot scratchRoot(String requester);
}
