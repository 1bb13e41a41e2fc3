package org.debforge.debmock.plugin.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the engine hands a {@link BuildDepsProvider} for one build. */
public interface BuildDeps {
  /** The root the dependencies go into. */
  Buildroot buildroot();

  /** The config's name, e.g. {@code bookworm-amd64}. */
  String configName();

  /**
   * The key of the base root this build stands on: what is installed over one base root does not
   * fit another.
   */
  String baseRootKey();

  /** The source package's .dsc on the host (inside the root it is {@code /build/NAME.dsc}). */
  Path dsc();

  /**
   * The apt command {@link #install()} runs: {@code apt-get build-dep ...}, or a lock's install.
   */
  List<String> aptCommand();

  /** In a {@code --hermetic-build}, exactly the lock's packages; otherwise empty. */
  Optional<ResolvedSet> locked();

  /**
   * Where layers of installed build dependencies of this config live ({@code
   * CACHE/deps-cache/<config>}): {@code --scrub=deps-cache} empties it, and the engine removes
   * half-made {@code .new-PID-N} entries of killed builds there.
   */
  Path layerCacheDir();

  /** What {@link #install()} would install, from {@code apt-get -s} (logged in root.log). */
  ResolvedSet resolve();

  /**
   * Runs {@link #aptCommand()} in the root: the {@code preapt}/{@code postapt} hooks, the shared
   * archive and its lock, no network in a hermetic build. Throws a dependency error when apt fails.
   */
  void install();

  /**
   * Moves the root's own layer (all but {@code /build}) to {@code layerDir} and starts an empty one
   * holding only {@code /build}; {@link Buildroot#stackLayer stack} {@code layerDir} next, so the
   * root looks the same. A rename when {@code layerDir} is on the same file system, else a copy.
   */
  void detachUpperInto(Path layerDir) throws IOException;

  /** Runs {@code work} as a named phase of state.log and result.json. */
  <T> T phase(String name, Supplier<T> work);

  /** Runs {@code work} as a named phase of state.log and result.json. */
  void phase(String name, Runnable work);

  /** A line in state.log. */
  void note(String line);

  /** Closes {@code resource} once the build root is gone (a lock on a layer it stands on). */
  void releaseAfterBuild(AutoCloseable resource);
}
