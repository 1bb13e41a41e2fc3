package org.debforge.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.cache.AptArchive;
import org.debforge.debmock.cache.LockedDir;
import org.debforge.debmock.chroot.BaseRootCache;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.chroot.MountTargets;
import org.debforge.debmock.chroot.RootCommand;
import org.debforge.debmock.chroot.RootLog;
import org.debforge.debmock.lock.InstalledPackages;
import org.debforge.debmock.plugin.api.Buildroot;
import org.debforge.debmock.plugin.api.QaReport;
import org.debforge.debmock.plugin.api.ScratchRoot;
import org.debforge.debmock.plugin.api.SharedCacheDir;

/**
 * The engine's side of {@link Buildroot}: one operation's root as plugins may change it. It keeps
 * what plugins asked for (a tmpfs for the root, the build's environment and prelude, the caches
 * report) until the engine needs it, and applies mounts and layers to the root at once.
 */
final class BuildrootAccess implements Buildroot {
  /** A tmpfs asked for at preinit. */
  record Tmpfs(long maxBytes, long requiredRamBytes) {}

  /** A file to copy into the result directory after the build. */
  private record Collect(String pathInRoot, String name, boolean move) {}

  /** Packages to install after the build dependencies, and who asked. */
  record AfterDeps(String requester, List<String> packages) {}

  private final DebMock mock;
  private final Supplier<RootLog> logs;
  private RootLog log;
  private BuildRoot root;
  private boolean fresh;
  private Tmpfs tmpfs;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> pathPrefix = new ArrayList<>();
  private final StringBuilder prelude = new StringBuilder();
  private final Map<String, Object> caches = new LinkedHashMap<>();
  private final List<Collect> collects = new ArrayList<>();
  private final List<AfterDeps> afterDeps = new ArrayList<>();
  private boolean buildFinished;
  private final Map<String, QaReport> qa = new LinkedHashMap<>();

  /** Refusals raised here, so a hook's failure that is one keeps its own kind (HookFirer). */
  private final Set<DebforgeException> refusals =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

  /**
   * @param logs root.log, opened only when first written: opening creates the result directory,
   *     which an operation like --clean never asked for
   */
  BuildrootAccess(DebMock mock, Supplier<RootLog> logs) {
    this.mock = mock;
    this.logs = logs;
  }

  private RootLog rootLog() {
    if (log == null) {
      log = logs.get();
    }
    return log;
  }

  void fresh(boolean fresh) {
    this.fresh = fresh;
  }

  void attach(BuildRoot root) {
    this.root = root;
  }

  Optional<Tmpfs> tmpfs() {
    return Optional.ofNullable(tmpfs);
  }

  /** What result.json's {@code chroot.caches} holds. */
  Map<String, Object> caches() {
    return caches;
  }

  /** Whether {@code e} is a refusal of this object, to be reported as the engine's own. */
  boolean refused(Throwable e) {
    return refusals.contains(e);
  }

  private DebforgeException refuse(DebforgeException e) {
    refusals.add(e);
    return e;
  }

  private BuildRoot root() {
    if (root == null) {
      throw new IllegalStateException("the build root does not exist yet: use it from postinit on");
    }
    return root;
  }

  /** dpkg-buildpackage's environment: {@code base} plus what plugins set. */
  Map<String, String> buildVariables(Map<String, String> base) {
    Map<String, String> out = new LinkedHashMap<>(base);
    out.putAll(env);
    if (!pathPrefix.isEmpty()) {
      out.put("PATH", String.join(":", pathPrefix) + ":" + BuildRoot.DEFAULT_PATH);
    }
    return out;
  }

  /** Shell run by the build's own shell right before it execs dpkg-buildpackage. */
  String buildPrelude() {
    return prelude.toString();
  }

  @Override
  public int buildUid() {
    return BaseRootCache.BUILD_UID;
  }

  @Override
  public Path cacheDir() {
    return mock.options().cacheDir();
  }

  @Override
  public boolean fresh() {
    return fresh;
  }

  @Override
  public Path dir() {
    return root().dir();
  }

  @Override
  public Path upper() {
    return root().upper();
  }

  @Override
  public List<Path> lowerDirs() {
    return root().lowers();
  }

  @Override
  public Path hostPath(String pathInRoot) {
    return root().hostPath(pathInRoot);
  }

  @Override
  public void mountRootDirAsTmpfs(long maxBytes, long requiredRamBytes) {
    if (root != null) {
      throw new IllegalStateException("the root exists already: ask for a tmpfs at preinit");
    }
    tmpfs = new Tmpfs(maxBytes, requiredRamBytes);
  }

  @Override
  public void bindMount(Path host, String target, boolean readOnly, String origin) {
    BuildRoot r = root();
    checkTarget(r, target, origin);
    if (!Files.exists(host)) {
      throw refuse(
          new DebforgeException(
              ErrorKind.CONFIG,
              origin + ": host path " + host + " does not exist",
              "create it, or fix the path"));
    }
    r.bind(host, target, readOnly);
  }

  @Override
  public void mount(String type, String source, String target, String options, String origin) {
    BuildRoot r = root();
    checkTarget(r, target, origin);
    r.mount(type, source, target, options == null ? "" : options);
  }

  private void checkTarget(BuildRoot r, String target, String origin) {
    List<Path> layers = new ArrayList<>(List.of(r.upper()));
    layers.addAll(r.lowers());
    try {
      MountTargets.checkNoSymlink(target, layers, origin);
    } catch (DebforgeException e) {
      throw refuse(e);
    }
  }

  @Override
  public void stackLayer(Path layer) {
    root().stack(layer);
  }

  @Override
  public void confineBuildCommands(List<String> prefix) {
    root().confine(prefix);
  }

  @Override
  public void setBuildEnv(String name, String value) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a variable name: " + name);
    }
    env.put(name, value);
  }

  @Override
  public void prependPath(String dir) {
    if (!dir.startsWith("/") || dir.contains(":")) {
      throw new IllegalArgumentException("PATH entries are absolute, without ':': " + dir);
    }
    pathPrefix.add(0, dir);
  }

  @Override
  public void addBuildPrelude(String shell) {
    prelude.append(shell);
    if (!shell.endsWith("\n")) {
      prelude.append('\n');
    }
  }

  @Override
  public void installPackages(String requester, List<String> packages) {
    BuildRoot r = root();
    List<String> argv =
        new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
    argv.addAll(packages);
    RootCommand install = new RootCommand(argv, false, "/", Map.of(), true);
    // The shared .deb archive may be bound in: take its lock as every apt install does.
    AptArchive archive = mock.aptArchive();
    int rc;
    try {
      RootLog out = rootLog();
      rc = archive == null ? r.run(install, out) : archive.locked(() -> r.run(install, out));
    } catch (IOException e) {
      throw refuse(
          new DebforgeException(
              ErrorKind.CHROOT_SETUP,
              mock.aptArchiveOwner() + ": cannot lock " + archive.dir(),
              null,
              e));
    }
    if (rc != 0) {
      throw refuse(
          new DebforgeException(
              ErrorKind.DEPENDENCY_RESOLUTION,
              requester
                  + ": apt-get install "
                  + String.join(" ", packages)
                  + " failed (exit "
                  + rc
                  + ")",
              "read root.log; or --disable-plugin=" + requester));
    }
  }

  @Override
  public void installAfterBuildDeps(String requester, List<String> packages) {
    afterDeps.add(new AfterDeps(requester, List.copyOf(packages)));
  }

  /**
   * After the build dependencies: what plugins asked to install then, skipping what dpkg has
   * installed already (a deps layer may hold it).
   */
  void installAfterBuildDeps() {
    for (AfterDeps a : afterDeps) {
      Set<String> installed = new java.util.HashSet<>();
      for (InstalledPackages.Entry e :
          InstalledPackages.installed(root().hostPath("/var/lib/dpkg/status"))) {
        installed.add(e.name());
      }
      List<String> missing = a.packages().stream().filter(p -> !installed.contains(p)).toList();
      if (!missing.isEmpty()) {
        log(a.requester() + ": installing " + String.join(" ", missing) + " in the root");
        installPackages(a.requester(), missing);
      }
    }
  }

  @Override
  public SharedCacheDir sharedCacheDir(Path dir) {
    try {
      return LockedDir.open(dir);
    } catch (IOException e) {
      throw refuse(
          new DebforgeException(
              ErrorKind.CHROOT_SETUP, "cannot create " + dir + ": " + e.getMessage(), null, e));
    }
  }

  @Override
  public void collectFile(String pathInRoot, String name, boolean move) {
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("a result file name is a plain name: " + name);
    }
    root();
    Collect c = new Collect(pathInRoot, name, move);
    if (buildFinished) {
      collect(c);
    } else {
      collects.add(c);
    }
  }

  /** After dpkg-buildpackage exited: the files plugins asked to collect. */
  void buildFinished() {
    buildFinished = true;
    for (Collect c : collects) {
      collect(c);
    }
    collects.clear();
  }

  private void collect(Collect c) {
    BuildRoot r = root();
    Path from = r.hostPath(c.pathInRoot());
    try {
      if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS) || !insideLayers(r, from)) {
        return;
      }
      Path out = mock.options().resultDir();
      Path to = out.resolve(c.name());
      Path tmp = out.resolve("." + c.name() + ".tmp");
      Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (c.move() && from.startsWith(r.upper())) {
        Files.delete(from);
      }
    } catch (IOException e) {
      throw refuse(
          new DebforgeException(
              ErrorKind.IO, "cannot collect " + c.pathInRoot() + ": " + e.getMessage(), null, e));
    }
  }

  /** A directory of the path may be a symlink the build made: only files of the layers count. */
  private static boolean insideLayers(BuildRoot r, Path file) throws IOException {
    Path real = file.toRealPath();
    List<Path> layers = new ArrayList<>(List.of(r.upper()));
    layers.addAll(r.lowers());
    for (Path layer : layers) {
      if (real.startsWith(layer.toRealPath())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void reportCache(String key, Object value) {
    caches.put(key, value);
  }

  @Override
  public void log(String line) {
    rootLog().line(line);
  }

  @Override
  public void reportQa(QaReport report) {
    synchronized (qa) {
      qa.put(report.plugin(), report);
    }
  }

  /** The QA plugins' verdicts, in the order they first reported. */
  List<QaReport> qaReports() {
    synchronized (qa) {
      return List.copyOf(qa.values());
    }
  }

  @Override
  public ScratchRoot scratchRoot(String requester) {
    return ScratchRoots.open(root(), requester, this::log);
  }
}
