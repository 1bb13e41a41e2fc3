package org.debforge.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Dsc;
import org.debforge.debmock.build.DscDownload;
import org.debforge.debmock.build.DscValidator;
import org.debforge.debmock.build.SourcePackage;
import org.debforge.debmock.cache.AptArchive;
import org.debforge.debmock.chroot.BaseRootCache;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.chroot.RootLog;
import org.debforge.debmock.chroot.TmpfsMount;
import org.debforge.debmock.chroot.Trees;
import org.debforge.debmock.config.ChrootConfig;
import org.debforge.debmock.lock.HermeticBuild;
import org.debforge.debmock.plugin.api.BuildDepsProvider;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.runtime.HookDispatcher;
import org.debforge.debmock.plugin.runtime.Provided;
import org.debforge.debmock.result.Artifact;
import org.debforge.debmock.result.BuildResult;
import org.debforge.debmock.result.ResultDir;
import org.debforge.debmock.result.StateLog;

/**
 * The deb-mock engine: one chroot config, one plugin dispatcher, Mock's operations. Hosts (the CLI,
 * a Jenkins step) call it and map its {@link DebforgeException}s to their own vocabulary.
 *
 * <p>A rebuild gets a fresh root unless {@code --no-clean}; the other operations ({@code
 * --install}, {@code --shell}, {@code --chroot}...) work on the config's session root, kept until
 * {@code --clean}, like Mock's chroot between commands.
 */
public final class DebMock {
  private final ChrootConfig config;
  private final HookDispatcher dispatcher;
  private final RunOptions options;
  private final BaseRootCache cache;
  private HermeticBuild hermetic;
  private String buildDirSuffix;
  private Map<String, Object> orig;

  public DebMock(ChrootConfig config, HookDispatcher dispatcher, RunOptions options) {
    this.config = config;
    this.dispatcher = dispatcher;
    this.options = options;
    this.cache = new BaseRootCache(options.cacheDir());
  }

  /**
   * Mock's operations on this config's session root (--init, --shell, --chroot, --install,
   * --copyin, --clean, snapshots...).
   */
  public SessionRoot session() {
    return new SessionRoot(this);
  }

  /** The hook firer of one operation, writing hook logs to the result directory. */
  HookFirer hooks(String operation) {
    return new HookFirer(
        dispatcher,
        config,
        operation,
        options.resultDir(),
        new BuildrootAccess(this, this::rootLog));
  }

  /** The result directory's root.log, echoed as progress when asked. */
  RootLog rootLog() {
    return new RootLog(options.resultDir().resolve("root.log"), options.progress());
  }

  public ChrootConfig config() {
    return config;
  }

  RunOptions options() {
    return options;
  }

  /**
   * --hermetic-build: rebuilds install exactly the lock's packages, offline, from the local caches.
   */
  public DebMock hermetic(HermeticBuild lock) {
    this.hermetic = lock;
    return this;
  }

  HermeticBuild hermetic() {
    return hermetic;
  }

  /** A hermetic build checks its lock's packages against the caches before any root is made. */
  void verifyHermeticInputs(StateLog state) {
    if (hermetic != null) {
      state.phase(
          "verify buildroot lock",
          () ->
              hermetic.verify(
                  hermetic.baseRoot(options.cacheDir(), config.name()), hermeticArchive()));
    }
  }

  /**
   * Appends {@code -SUFFIX} to the unpacked tree's directory name, so a second build of the same
   * source runs in another build path (--verify-reproducible).
   */
  public DebMock buildDirSuffix(String suffix) {
    if (suffix != null && !suffix.matches("[A-Za-z0-9.]+")) {
      throw new IllegalArgumentException("build directory suffix: letters, digits and dots");
    }
    this.buildDirSuffix = suffix;
    return this;
  }

  /**
   * Where the source's upstream tarball came from when deb-mock made the source from a tree ({@code
   * deb-mock build DIR}): result.json's {@code source.orig}.
   */
  public DebMock orig(Map<String, Object> orig) {
    this.orig = orig == null ? null : new LinkedHashMap<>(orig);
    return this;
  }

  /** Where the source is unpacked and built inside the root. */
  String buildPath(SourcePackage source) {
    return buildDirSuffix == null ? source.buildPath() : source.buildPath() + "-" + buildDirSuffix;
  }

  /** The shared .deb archive a hermetic build installs from (apt_cache's, else the default). */
  Path hermeticArchive() {
    AptArchive a = aptArchive();
    return a != null
        ? a.dir()
        : AptArchive.defaultDir(options.cacheDir(), config.suite(), config.architecture());
  }

  /** The shared .deb archive when a plugin provides one (apt_cache), else null. */
  AptArchive aptArchive() {
    return dispatcher
        .aptArchiveProvider()
        .map(
            p -> {
              Path dir =
                  p.provider()
                      .archiveDir(
                          AptArchive.defaultDir(
                              options.cacheDir(), config.suite(), config.architecture()));
              try {
                return AptArchive.open(dir);
              } catch (IOException e) {
                throw new DebforgeException(
                    ErrorKind.CHROOT_SETUP,
                    p.plugin() + ": cannot create " + dir + ": " + e.getMessage(),
                    "check permissions, or --disable-plugin=" + p.plugin(),
                    e);
              }
            })
        .orElse(null);
  }

  /** The plugin that provides the shared archive, for messages and result.json. */
  String aptArchiveOwner() {
    return dispatcher.aptArchiveProvider().map(Provided::plugin).orElse("apt archive");
  }

  /** Who puts build dependencies into the root: a plugin (deps_cache), else plain apt. */
  BuildDepsProvider buildDepsProvider() {
    return dispatcher.buildDepsProvider().map(Provided::provider).orElse(BuildDepsProvider.APT);
  }

  /** This config's deps cache: layers keyed by resolved set, and the resolution memo. */
  Path depsCacheDir() {
    return options.cacheDir().resolve("deps-cache").resolve(config.name());
  }

  /**
   * Builds {@code dsc} and writes the result directory; throws after writing result.json when the
   * build fails, with the failure class as the exception's kind.
   */
  public BuildResult rebuild(Path dsc) {
    return rebuild(dsc.toString());
  }

  /**
   * Builds a local .dsc, or the .dsc at an http(s) URL: it and its files are downloaded into a
   * scratch directory (removed afterwards, before a canceled JVM may exit), validated, then built
   * like a local .dsc.
   */
  public BuildResult rebuild(String dscOrUrl) {
    try (Cancellation cancel = new Cancellation()) {
      Set<String> inputs = inputsIn(options.resultDir(), dscOrUrl);
      return withSource(dscOrUrl, validate -> rebuild(validate, cancel, inputs));
    }
  }

  /**
   * Runs {@code body} with the source package at a path or URL, handed over unvalidated (a rebuild
   * records validation as its first phase). A URL's files go to a scratch directory, removed when
   * {@code body} returns.
   */
  <T> T withSource(
      String dscOrUrl,
      java.util.function.Function<java.util.function.Supplier<SourcePackage>, T> body) {
    if (!DscDownload.isUrl(dscOrUrl)) {
      return body.apply(() -> DscValidator.validate(Path.of(dscOrUrl), config.dscKeyring()));
    }
    Path scratch;
    try {
      scratch = Files.createTempDirectory("deb-mock-download-");
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "cannot make a download directory", null, e);
    }
    try {
      return body.apply(() -> new DscDownload().fetch(dscOrUrl, scratch, config.dscKeyring()));
    } finally {
      try {
        Trees.deleteRecursively(scratch);
      } catch (IOException e) {
        // a leftover scratch directory in /tmp is harmless
      }
    }
  }

  /**
   * The names of a local .dsc and the files it lists when they lie in the result directory itself
   * ({@code --resultdir .} beside the .dsc): the build's input, never a previous build's output.
   */
  private static Set<String> inputsIn(Path resultDir, String dscOrUrl) {
    if (DscDownload.isUrl(dscOrUrl)) {
      return Set.of();
    }
    Path dsc = Path.of(dscOrUrl).toAbsolutePath().normalize();
    if (!resultDir.toAbsolutePath().normalize().equals(dsc.getParent())) {
      return Set.of();
    }
    Set<String> names = new HashSet<>(Set.of(dsc.getFileName().toString()));
    try {
      Dsc.read(dsc).files().forEach(f -> names.add(f.name()));
    } catch (RuntimeException e) {
      // Validation reports a broken .dsc; here the .dsc alone is kept.
    }
    return names;
  }

  private BuildResult rebuild(
      java.util.function.Supplier<SourcePackage> validate,
      Cancellation cancel,
      Set<String> inputs) {
    Path out = options.resultDir();
    ResultDir.prepare(out, options.cleanResultDir(), inputs)
        .forEach(n -> options.progress().accept("removed " + out.resolve(n)));
    StateLog state = new StateLog(out.resolve("state.log"));
    RootLog rootLog = new RootLog(out.resolve("root.log"), options.progress());
    HookFirer hooks =
        new HookFirer(dispatcher, config, "rebuild", out, new BuildrootAccess(this, () -> rootLog));
    Instant start = Instant.now();
    RebuildSteps steps = new RebuildSteps(this, validate, hooks, rootLog);
    return new BuildLifecycle(hooks, state, rootLog, cancel::canceled)
        .run(
            steps,
            outcome -> {
              // Plugins may have rewritten results after they were collected (sign clearsigns
              // .changes).
              List<Artifact> artifacts = new ArrayList<>(outcome.artifacts());
              artifacts.replaceAll(
                  a ->
                      Files.isRegularFile(out.resolve(a.name()))
                          ? Artifact.of(out.resolve(a.name()))
                          : a);
              return result(outcome, state, start, artifacts, steps.root(), steps.caches());
            },
            out);
  }

  private BuildResult result(
      BuildLifecycle.Outcome outcome,
      StateLog state,
      Instant start,
      List<Artifact> artifacts,
      BuildRoot root,
      Object caches) {
    DebforgeException failure = outcome.failure();
    SourcePackage source = outcome.source();
    boolean canceled = outcome.canceled();
    Map<String, Object> src = new LinkedHashMap<>();
    if (source != null) {
      src.put("name", source.name());
      src.put("version", source.version());
      src.put("dsc", source.dsc().getFileName().toString());
    }
    if (orig != null) {
      src.put("orig", orig);
    }
    Map<String, Object> chroot = new LinkedHashMap<>(config.toMap());
    chroot.put(
        "kept_root", root != null && Files.exists(root.dir()) ? root.dir().toString() : null);
    chroot.put("caches", caches);
    return new BuildResult(
        BuildResult.SCHEMA_VERSION,
        outcome.status(),
        canceled
            ? "canceled"
            : failure != null
                ? BuildResult.exitReason(failure.kind())
                : outcome.status().equals("unstable") ? "unstable" : "ok",
        failure == null ? null : failure.kind().name(),
        failure == null ? null : failure.getMessage(),
        "rebuild",
        config.name(),
        src,
        BuildResult.phases(state.phases()),
        Duration.between(start, Instant.now()).toMillis() / 1000.0,
        artifacts,
        BuildResult.logs(options.resultDir()),
        dispatcher.enabledPlugins(),
        dispatcher.ran(),
        chroot,
        build(),
        outcome.qaJson());
  }

  /** What result.json's {@code build} records: dpkg-buildpackage's build type and its selection. */
  private Map<String, Object> build() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("type", options.buildType());
    b.put("arch_any", ArchSelection.any(options.buildType()));
    b.put("arch_all", ArchSelection.all(options.buildType()));
    b.put("profiles", options.buildProfiles());
    b.put("host_arch", options.hostArch());
    return b;
  }

  /**
   * --scrub=all|cache|root-cache|chroot|deps-cache|apt-cache: {@code cache} and {@code all} remove
   * the base roots and the deps layers; the shared .deb archive goes only with {@code all} or
   * {@code apt-cache} (it is shared by every config of the suite and costs only disk).
   */
  public List<Path> scrub(String what) {
    HookFirer hooks = hooks("scrub");
    hooks.fire(HookStage.SCRUB, List.of(), Map.of("scrub", what));
    List<Path> removed = new ArrayList<>();
    if (what.equals("all") || what.equals("chroot")) {
      removed.addAll(session().clean());
    }
    if (what.equals("all") || what.equals("cache") || what.equals("root-cache")) {
      for (Path p : cache.cached(config)) {
        removed.addAll(removeTree(p));
      }
    }
    if (what.equals("all") || what.equals("cache") || what.equals("deps-cache")) {
      removed.addAll(removeTree(depsCacheDir()));
    }
    if (what.equals("all") || what.equals("apt-cache")) {
      Path archive =
          AptArchive.defaultDir(options.cacheDir(), config.suite(), config.architecture());
      removed.addAll(removeTree(archive));
    }
    return removed;
  }

  static List<Path> removeTree(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try {
      Trees.deleteRecursively(dir);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot remove " + dir + ": " + e.getMessage(), null, e);
    }
    return List.of(dir);
  }

  BuildRoot prepareRoot(HookFirer hooks, RootLog log, boolean session) {
    hooks.buildroot.fresh(!session);
    hooks.fire(HookStage.PREINIT);
    Path base;
    try {
      base =
          hermetic != null
              ? hermetic.baseRoot(options.cacheDir(), config.name())
              : cache.ensure(config, options.offline(), log);
    } catch (DebforgeException e) {
      hooks.fire(HookStage.INITFAILED);
      throw e;
    }
    String ext = options.uniqueExt() != null ? options.uniqueExt() : session ? "session" : newExt();
    Path dir = options.buildsDir().resolve(config.name() + "-" + ext);
    BuildRoot root;
    if (session && Files.exists(dir.resolve("lower"))) {
      try {
        root = BuildRoot.open(dir, Path.of(Files.readString(dir.resolve("lower")).strip()));
      } catch (IOException e) {
        throw new DebforgeException(
            ErrorKind.CHROOT_SETUP, "cannot reopen " + dir, "--clean it", e);
      }
    } else {
      if (!session) {
        // Before the check below: the root of a killed build with this --uniqueext is a leftover.
        StaleBuilds.sweep(options.buildsDir(), depsCacheDir(), log);
      }
      if (!session && Files.exists(dir)) {
        throw new DebforgeException(
            ErrorKind.CHROOT_SETUP,
            "build root " + dir + " exists (--uniqueext in use by another build?)",
            "pick another --uniqueext, or --clean");
      }
      if (!session) {
        // Before the root is made in it: at postinit it would be too late to choose where the root
        // lives.
        hooks
            .buildroot
            .tmpfs()
            .ifPresent(t -> log.line(TmpfsMount.mount(dir, t.maxBytes(), t.requiredRamBytes())));
      }
      root = BuildRoot.open(dir, base);
      if (!session) {
        StaleBuilds.claim(dir);
      }
    }
    hooks.buildroot.attach(root);
    hooks.rootPath = root.upper();
    hooks.lowerDir = root.lower();
    hooks.lowerDirs = root::lowers;
    hooks.fire(HookStage.POSTINIT);
    return root;
  }

  private static String newExt() {
    return ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
  }
}
